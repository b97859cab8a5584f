export * from './calendar-days.ts';
export * from './renewal-rules.ts';
export * from './coterm.ts';
export * from './reminders.ts';
export * from './proof.ts';
