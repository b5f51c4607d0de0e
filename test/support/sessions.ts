import type { UseCaseDeps } from '../../src/app/deps.ts';
import type { GrantedRole } from '../../src/domain/access/roles.ts';

let counter = 0;

/**
 * Signs a person in as a browser would after following a sign-in link: a session stored as a
 * hash, and the cookie to send with requests. Optionally grants roles in editions first.
 */
export async function signInAs(
  deps: UseCaseDeps,
  person: { id: string; name?: string; email?: string },
  grants: { editionId: string; role: GrantedRole }[] = [],
): Promise<Record<string, string>> {
  const existing = await deps.store.people.findPeopleByIds([person.id]);
  if (existing.length === 0) {
    await deps.store.people.savePerson({
      id: person.id,
      name: person.name ?? `Person ${person.id}`,
      email: person.email ?? `${person.id}@test.example`,
      governmentId: null,
      role: 'other',
      maturity: 'starting',
      timeZone: 'Europe/London',
    });
  }
  const now = deps.clock.now();
  for (const grant of grants)
    await deps.store.access.grantRole(grant.editionId, person.id, grant.role, now.toISOString());
  const token = `test-session-${person.id}-${++counter}-${Math.random().toString(36).slice(2)}`;
  await deps.store.access.insertUserSession({
    sessionHash: deps.secrets.hash(token),
    personId: person.id,
    createdAt: now.toISOString(),
    // Long enough for tests that move the clock by months.
    expiresAt: new Date(now.getTime() + 400 * 24 * 3600_000).toISOString(),
    lastSeenAt: now.toISOString(),
  });
  return { convene_session: token };
}
