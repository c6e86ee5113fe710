/**
 * /api/v1/sla-policies (admins: list, create, change or switch off, delete, reorder) and each brand's business
 * calendar (/api/v1/brands/:id/calendar: read, change, import an iCal feed; the ready holiday lists).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HOLIDAY_LISTS } from '../../core/holidays-cn.js';
import { importCalendar, readCalendar, updateCalendar } from '../../app/business-calendar.js';
import { createSlaPolicy, deleteSlaPolicy, listSlaPolicies, reorderSlaPolicies, updateSlaPolicy, type SlaPolicyInput } from '../../app/sla-policies.js';
import { principalOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { presentCalendar, presentSlaPolicy } from '../sla-presenters.js';
import {
  CalendarImport,
  CalendarImportResult,
  CalendarJson,
  CalendarPut,
  HolidayListsJson,
  Id,
  SlaPolicyCreate,
  SlaPolicyJson,
  SlaPolicyList,
  SlaPolicyOrder,
  SlaPolicyPatchBody,
  errors,
} from '../../contract/index.js';

export const slaRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const tags = ['sla'];
  const params = Type.Object({ id: Id });

  app.get(
    '/sla-policies',
    { schema: { tags, summary: 'SLA policies in the order they are tried (admins)', response: { 200: SlaPolicyList, ...errors(401, 403) } } },
    async (request) => ({ policies: (await listSlaPolicies(deps, principalOf(request))).map(presentSlaPolicy) }),
  );

  app.post(
    '/sla-policies',
    { schema: { tags, summary: 'Add an SLA policy at the end of the list (admins)', body: SlaPolicyCreate, response: { 201: SlaPolicyJson, ...errors(400, 401, 403) } } },
    async (request, reply) => reply.code(201).send(presentSlaPolicy(await createSlaPolicy(deps, principalOf(request), request.body as SlaPolicyInput))),
  );

  app.put(
    '/sla-policies/order',
    { schema: { tags, summary: 'Set the order policies are tried in: every policy id once, first tried first', body: SlaPolicyOrder, response: { 200: SlaPolicyList, ...errors(400, 401, 403) } } },
    async (request) => ({ policies: (await reorderSlaPolicies(deps, principalOf(request), request.body.ids)).map(presentSlaPolicy) }),
  );

  app.patch(
    '/sla-policies/:id',
    {
      schema: { tags, summary: 'Change an SLA policy; enabled: false switches it off (deadlines are recomputed)', params, body: SlaPolicyPatchBody, response: { 200: SlaPolicyJson, ...errors(400, 401, 403, 404) } },
    },
    async (request) => presentSlaPolicy(await updateSlaPolicy(deps, principalOf(request), request.params.id, request.body as Partial<SlaPolicyInput>)),
  );

  app.delete(
    '/sla-policies/:id',
    { schema: { tags, summary: 'Delete an SLA policy (deadlines are recomputed)', params, response: { 204: Type.Null(), ...errors(401, 403, 404) } } },
    async (request, reply) => {
      await deleteSlaPolicy(deps, principalOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/sla/holiday-lists',
    { schema: { tags, summary: 'Ready holiday lists (mainland China) an admin can add to a calendar', response: { 200: HolidayListsJson, ...errors(401) } } },
    async () => ({ lists: HOLIDAY_LISTS.map((l) => ({ id: l.id, year: l.year, holidays: l.holidays.length, workdays: l.workdays.length, source: l.source })) }),
  );

  app.get(
    '/brands/:id/calendar',
    { schema: { tags, summary: "A brand's business calendar (SLA clocks and the phone line's hours)", params, response: { 200: CalendarJson, ...errors(401, 404) } } },
    async (request) => presentCalendar(request.params.id, await readCalendar(deps, principalOf(request), request.params.id)),
  );

  app.put(
    '/brands/:id/calendar',
    { schema: { tags, summary: "Change a brand's business calendar (admins); add_lists adds ready holiday lists", params, body: CalendarPut, response: { 200: CalendarJson, ...errors(400, 401, 403, 404) } } },
    async (request) => presentCalendar(request.params.id, await updateCalendar(deps, principalOf(request), request.params.id, request.body)),
  );

  app.post(
    '/brands/:id/calendar/import',
    {
      schema: {
        tags,
        summary: "Add an iCal feed's all-day events to a brand's calendar: working days (班) as make-up days, the rest as holidays",
        params,
        body: CalendarImport,
        response: { 200: CalendarImportResult, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { calendar, imported } = await importCalendar(deps, principalOf(request), request.params.id, request.body.ical);
      return { calendar: presentCalendar(request.params.id, calendar), imported };
    },
  );
};
