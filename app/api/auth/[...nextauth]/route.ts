import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions, limitedSignIn } from '@/server/http/auth';

type Segment = { params: Promise<{ nextauth: string[] }> };

// Built per request: the options come from the running process's configuration.
async function handler(req: NextRequest, segment: Segment) {
  const params = await segment.params;
  const run = () => NextAuth(authOptions())(req, { params }) as Promise<Response>;
  // Password sign-ins are counted and limited; everything else is next-auth's alone.
  if (req.method === 'POST' && params.nextauth.join('/') === 'callback/credentials') return limitedSignIn(req, run);
  return run();
}

export { handler as GET, handler as POST };
