/** Operation name -> server module. Adding an operation is one module and one line here. */
import { Operations, type OperationName } from '@keyfield/shared';
import { hostActivate } from './host-activate.ts';
import { hostDeactivate } from './host-deactivate.ts';
import { hostMove } from './host-move.ts';
import { licenseRequestKey } from './license-request-key.ts';
import type { Operation } from './operation.ts';

const modules: Record<OperationName, Operation> = {
	'license.requestKey': licenseRequestKey,
	'host.activate': hostActivate,
	'host.deactivate': hostDeactivate,
	'host.move': hostMove
};

// Every shared operation must have a server half, and the names must agree.
for (const [name, module] of Object.entries(modules)) {
	if (module.name !== name || !(name in Operations)) throw new Error(`operation registry mismatch: ${name}`);
}

export function findOperation(name: string): Operation | undefined {
	return Object.hasOwn(modules, name) ? modules[name as OperationName] : undefined;
}
