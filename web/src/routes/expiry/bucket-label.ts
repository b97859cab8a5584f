import type { ExpiryBucket } from '@keyfield/shared';
import { m } from '$lib/paraglide/messages.js';

const LABELS: Record<ExpiryBucket, () => string> = {
	expired: m.renewals_bucket_expired,
	within30: m.renewals_bucket_within30,
	within90: m.renewals_bucket_within90,
	later: m.renewals_bucket_later
};

export const bucketLabel = (bucket: ExpiryBucket): string => LABELS[bucket]();
