import type { Role } from '@keyfield/shared';
import { m } from '$lib/paraglide/messages.js';

export function roleName(role: Role): string {
	return role === 'admin' ? m.members_role_admin() : role === 'technician' ? m.members_role_technician() : m.members_role_member();
}
