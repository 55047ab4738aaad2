export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __e2eTeardown?: () => Promise<void> }).__e2eTeardown?.();
}
