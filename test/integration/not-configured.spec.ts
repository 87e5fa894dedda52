import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDialects } from '../helpers/dialects';
import { JobsScheduler } from '../../src/jobs/jobs.scheduler';
import { INTERCOMPANY_NOT_CONFIGURED } from '../../src/orders/reception-switch.service';
import { startPushServer, type PushServer } from './jobs.helpers';
import { po, startOrdersHarness, TEST_API_KEY, type OrdersHarness } from './orders.helpers';
import { STAFF_USERS } from './web-fixtures';
import { signedInAgent } from './web-session';

/**
 * A feature the configuration leaves off is "non configurée": not a partial run that staff learn to
 * ignore, shown on the dashboard, and pushed up to Uptime Kuma with the reason.
 */
describeDialects(
  'features not configured (job 3 without ODOO_INTERCOMPANY_PARTNER_ID, Gesica without its DB)',
  (dialect) => {
    let h: OrdersHarness;
    let kuma: PushServer;

    beforeAll(async () => {
      kuma = await startPushServer();
      h = await startOrdersHarness({
        dialect,
        purchaseOrders: [po('P0009101', { received: true })],
        env: {
          STAFF_USERS,
          CRONTAB_APP_GESICA: '0 4 * * *',
          UPTIME_KUMA_PUSH_URL_SWITCH_FACTURE_ODOO: `${kuma.url}/api/push/switch`,
          UPTIME_KUMA_PUSH_URL_GESICA: `${kuma.url}/api/push/gesica`,
        },
      });
    }, 60_000);
    afterAll(async () => {
      await h?.close();
      await kuma?.close();
    });

    it('job 3 succeeds without its intercompany part, says so, and pushes up', async () => {
      const pushed = kuma.next();
      const res = await h.app.http
        .get('/switch-facture-apres-reception?days=5')
        .set('X-API-Key', TEST_API_KEY);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('succeeded');
      expect(res.body.recordErrors).toEqual([]);
      expect(res.body.result.notConfigured).toEqual([INTERCOMPANY_NOT_CONFIGURED]);
      const push = await pushed;
      expect(push.pathname).toBe('/api/push/switch');
      expect(push.searchParams.get('status')).toBe('up');
      expect(push.searchParams.get('msg')).toContain('non configurée : Bascule des commandes intersociétés');
    });

    it('a cron tick of Gesica without its database pushes up with the reason', async () => {
      const pushed = kuma.next();
      const outcome = await h.app.app.get(JobsScheduler).tick('gesica');
      expect(outcome).toMatchObject({ ran: false, reason: 'not-available' });
      const push = await pushed;
      expect(push.pathname).toBe('/api/push/gesica');
      expect(push.searchParams.get('status')).toBe('up');
      expect(push.searchParams.get('msg')).toMatch(/non configurée : Gesica/);
    });

    it('the job list and the dashboard show them as "non configurée"', async () => {
      const jobs = await h.app.http.get('/api/jobs').set('X-API-Key', TEST_API_KEY).expect(200);
      const byName = new Map<string, { enabled: boolean; notConfigured: string[] }>(
        jobs.body.map((j: { name: string; enabled: boolean; notConfigured: string[] }) => [j.name, j]),
      );
      expect(byName.get('switch-factures')).toMatchObject({
        enabled: true,
        notConfigured: [INTERCOMPANY_NOT_CONFIGURED],
      });
      expect(byName.get('gesica')).toMatchObject({ enabled: false, notConfigured: [] });

      const { agent } = await signedInAgent(h.app.app);
      const page = await agent.get('/').set('Accept', 'text/html').expect(200);
      const row = (job: string) =>
        new RegExp(`<tr data-job="${job}">([\\s\\S]*?)</tr>`).exec(page.text)?.[1] ?? '';
      expect(row('switch-factures')).toContain('non configurée');
      expect(row('switch-factures')).toContain('ODOO_INTERCOMPANY_PARTNER_ID non défini');
      expect(row('gesica')).toContain('non configurée');
      expect(row('factures')).not.toContain('non configurée');
    });
  },
);
