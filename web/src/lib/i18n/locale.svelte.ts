/**
 * The current language as Svelte state. Paraglide's messages and our Intl helpers read the locale through
 * `getLocale()` when called; overriding it to read this state makes every message in a template reactive, so
 * switching language re-renders in place: no reload, and a half-filled form keeps what was typed.
 */
import { getLocale, locales, overwriteGetLocale, setLocale, type Locale } from '$lib/paraglide/runtime.js';

/** Each language named in itself, so a person who cannot read the current one still finds theirs. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
	en: 'English',
	es: 'Español',
	it: 'Italiano',
	ro: 'Română',
	pl: 'Polski'
};

class Language {
	// Resolved once by Paraglide's strategy: the remembered choice, else the browser's language, else English.
	#current = $state<Locale>(getLocale());

	get current(): Locale {
		return this.#current;
	}

	readonly all: readonly Locale[] = locales;

	/** Remembered on the device (Paraglide's localStorage strategy), applied at once. */
	set(locale: Locale): void {
		setLocale(locale, { reload: false });
		this.#current = locale;
		document.documentElement.lang = locale;
	}
}

export const language = new Language();
overwriteGetLocale(() => language.current);
