/** Operation name -> server module. Adding an operation is one module and one line here. */
import { Operations, type OperationName } from '@keyfield/shared';
import { licenseRequestKey } from './license-request-key.ts';
import { licenseUpgradeVersion } from './license-upgrade-version.ts';
import type { Operation } from './operation.ts';

const modules: Record<OperationName, Operation> = {
	'license.requestKey': licenseRequestKey,
	'license.upgradeVersion': licenseUpgradeVersion
};

// Every shared operation must have a server half, and the names must agree.
for (const [name, module] of Object.entries(modules)) {
	if (module.name !== name || !(name in Operations)) throw new Error(`operation registry mismatch: ${name}`);
}

export function findOperation(name: string): Operation | undefined {
	return Object.hasOwn(modules, name) ? modules[name as OperationName] : undefined;
}
