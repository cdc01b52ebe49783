// Global setup of the e2e tier: the pages under test are the built web app, so build it when
// it is missing or older than its sources (npm test already did; a lone `vitest --project e2e`
// has not).
export default async function setup(): Promise<void> {
  // @ts-expect-error -- a plain .mjs script without type declarations
  const { ensureWebBuild } = (await import('../scripts/web-build.mjs')) as { ensureWebBuild: () => void };
  // vitest sets NODE_ENV=test, which Vite would honour with a development build of React.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    ensureWebBuild();
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
