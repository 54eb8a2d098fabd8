import type { NextAuthOptions } from 'next-auth';
import { getServerSession } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { checkPassword } from '../commands/people';
import { concord } from '../context';
import type { User } from '../store/types';

interface OidcProfile {
  sub: string;
  email?: string;
  name?: string;
  preferred_username?: string;
}

/** next-auth's configuration: email + password always, the enterprise's OIDC provider when configured. */
export function authOptions(): NextAuthOptions {
  const ctx = concord();
  const providers: NextAuthOptions['providers'] = [
    CredentialsProvider({
      id: 'credentials',
      name: 'Email',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials) {
        if (!credentials?.email || !credentials.password) return null;
        const user = await checkPassword(ctx.store, credentials.email, credentials.password);
        return user ? { id: user.id, name: user.name, email: user.email } : null;
      },
    }),
  ];
  const oidc = ctx.config.oidc;
  if (oidc) {
    const provider: OAuthConfig<OidcProfile> = {
      id: 'oidc',
      name: oidc.name,
      type: 'oauth',
      wellKnown: `${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      authorization: { params: { scope: 'openid email profile' } },
      idToken: true,
      checks: ['pkce', 'state'],
      profile: (p) => ({ id: p.sub, email: p.email ?? null, name: p.name ?? p.preferred_username ?? p.email ?? p.sub }),
    };
    providers.push(provider);
  }
  return {
    secret: ctx.config.authSecret,
    session: { strategy: 'jwt', maxAge: 30 * 24 * 3600 },
    pages: { signIn: '/signin' },
    providers,
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== 'oidc') return true;
        // Single sign-on admits people the enterprise directory vouches for; they start with no department.
        if (!user.email) return false;
        const email = user.email.toLowerCase();
        if (!(await ctx.store.people.findUserByEmail(email))) {
          await ctx.store.people.createUser({ email, name: user.name ?? email, passwordHash: null, isAdmin: false, departmentId: null });
        }
        return true;
      },
      async jwt({ token, user, account }) {
        if (user) {
          const id = account?.provider === 'oidc' ? (await ctx.store.people.findUserByEmail(user.email!.toLowerCase()))?.id : user.id;
          token.uid = id;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid };
      },
    },
  };
}

/** The signed-in person of the current request (session cookie), or null. */
export async function sessionUser(): Promise<User | null> {
  const session = (await getServerSession(authOptions())) as { uid?: string } | null;
  return session?.uid ? concord().store.people.findUserById(session.uid) : null;
}
