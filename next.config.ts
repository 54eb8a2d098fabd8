import type { NextConfig } from 'next';

const config: NextConfig = {
  // Native and server-only packages stay outside the bundles; the custom server owns them.
  serverExternalPackages: ['better-sqlite3', 'ws'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
