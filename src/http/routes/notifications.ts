/**
 * /api/v1/notifications: the signed-in agent's bell (issue 16) — the latest notifications and the unread count,
 * marking read, and which kinds the agent hears about (in the bell, on the desktop). New ones also arrive live
 * on the console socket as {type:'notification', notification}. An agent only ever sees their own.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { getNotificationPrefs, listNotifications, markNotificationsRead, presentNotification, setNotificationPrefs } from '../../app/notifications.js';
import { invalid } from '../../core/errors.js';
import { principalOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { NotificationList, NotificationListQuery, NotificationPrefsJson, NotificationPrefsPatch, NotificationRead, errors } from '../../contract/index.js';
import { Type } from '@sinclair/typebox';

export const notificationRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const tags = ['notifications'];

  app.get(
    '/notifications',
    { schema: { tags, summary: 'My latest notifications, newest first, and how many are unread', querystring: NotificationListQuery, response: { 200: NotificationList, ...errors(400, 401) } } },
    async (request) => {
      const { notifications, unread } = await listNotifications(deps, principalOf(request), { unreadOnly: request.query.unread ?? false, limit: request.query.limit ?? 30 });
      return { notifications: notifications.map(presentNotification), unread };
    },
  );

  app.post(
    '/notifications/read',
    { schema: { tags, summary: 'Mark some (ids) or all (all: true) of my notifications read', body: NotificationRead, response: { 200: Type.Object({ unread: Type.Integer() }), ...errors(400, 401) } } },
    async (request) => {
      const { ids, all } = request.body;
      if (!all && !ids) throw invalid('Name the notifications (ids) or mark all read (all: true).', { field: 'ids' });
      return { unread: await markNotificationsRead(deps, principalOf(request), all ? null : (ids ?? [])) };
    },
  );

  app.get('/notifications/settings', { schema: { tags, summary: 'Which kinds I hear about, in the bell and on the desktop', response: { 200: NotificationPrefsJson, ...errors(401) } } }, async (request) => ({
    kinds: await getNotificationPrefs(deps, principalOf(request)),
  }));

  app.patch(
    '/notifications/settings',
    { schema: { tags, summary: 'Switch kinds on or off, in the bell or on the desktop', body: NotificationPrefsPatch, response: { 200: NotificationPrefsJson, ...errors(400, 401) } } },
    async (request) => ({ kinds: await setNotificationPrefs(deps, principalOf(request), request.body.kinds) }),
  );
};
