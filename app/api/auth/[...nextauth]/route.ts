import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions } from '@/server/http/auth';

type Segment = { params: Promise<{ nextauth: string[] }> };

// Built per request: the options come from the running process's configuration.
async function handler(req: NextRequest, segment: Segment) {
  return NextAuth(authOptions())(req, { params: await segment.params });
}

export { handler as GET, handler as POST };
