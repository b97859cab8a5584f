/**
 * The vanilla register module of vite-plugin-pwa (a dependency of @vite-pwa/sveltekit that pnpm does not expose
 * to web/, so its own declaration file cannot be referenced): only what the update prompt uses.
 */
declare module 'virtual:pwa-register' {
	export interface RegisterSWOptions {
		immediate?: boolean;
		onNeedRefresh?: () => void;
		onOfflineReady?: () => void;
		onRegisteredSW?: (swScriptUrl: string, registration: ServiceWorkerRegistration | undefined) => void;
		onRegisterError?: (error: unknown) => void;
	}
	export function registerSW(options?: RegisterSWOptions): (reloadPage?: boolean) => Promise<void>;
}
