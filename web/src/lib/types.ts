/**
 * What the /v1 API answers, as the pages read it: aliases onto the types `npm run gen:api` generates from the OpenAPI
 * document (clients/typescript/src/api-schema.ts), so that they cannot drift from the API.
 */

import type { components } from '../../../clients/typescript/src/api-schema';

type Schemas = components['schemas'];

export type TimelineEntry = Schemas['TimelineEntry'];
export type TaskTimelineEntry = Schemas['TaskTimelineEntry'];

/** The lights TrafficLight draws (the API answers a task's light as a string). */
export type Light = 'GREEN' | 'YELLOW' | 'RED' | 'NONE' | 'PAUSED';

/** A task as a list answers it; its detail (GET /v1/tasks/{id}) adds what the reader may do now and its timeline. */
export type Task = Schemas['TaskSummary'] & Partial<Pick<Schemas['Task'], 'actions' | 'timeline' | 'subtasks'>>;

export type Unit = Schemas['Unit'];

export type Person = Schemas['Person'];
