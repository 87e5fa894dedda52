import type { NestExpressApplication } from '@nestjs/platform-express';
import supertest from 'supertest';
import { STAFF_PASSWORD } from './web-fixtures';

export type Agent = ReturnType<typeof supertest.agent>;

/** The CSRF token of a rendered page (the hidden `_csrf` field). */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token in the page');
  return match[1];
}

/** A browser-like agent (keeps cookies) signed in as `compta`. */
export async function signedInAgent(app: NestExpressApplication): Promise<{ agent: Agent; csrf: string }> {
  const agent = supertest.agent(app.getHttpServer());
  const form = await agent.get('/connexion').set('Accept', 'text/html').expect(200);
  await agent
    .post('/connexion')
    .type('form')
    .send({ username: 'compta', password: STAFF_PASSWORD, suite: '/', _csrf: csrfOf(form.text) })
    .expect(303);
  const page = await agent.get('/').set('Accept', 'text/html').expect(200);
  return { agent, csrf: csrfOf(page.text) };
}
