/**
 * Timeline and notice texts name units and people by name, never by id (issue 15: a reassignment's timeline read
 * 「牵头单位由town-dongguan改为town-xicheng」). Workflow code is pure and does not know names, so it writes a
 * reference (`unitRef`); the activity that records the text, which may read the organisation, writes the name in
 * its place (db/queries/named-refs.ts). A reference it cannot resolve is left as the bare id.
 */

/** Marks `id` in a text as a unit (责任单位) whose name the recording activity writes. */
export const unitRef = (unitId: string): string => `⟦unit:${unitId}⟧`;

/** Marks `id` in a text as a person (a responsible leader) whose name the recording activity writes. */
export const personRef = (personId: string): string => `⟦person:${personId}⟧`;

/**
 * Every reference in a text: `⟦unit:…⟧` or `⟦person:…⟧`. Only names everyone in the organisation may read (its units
 * and people): a user's own text may carry a reference too, and must learn nothing from it (never a task's title).
 */
export const NAMED_REF = /⟦(unit|person):([^⟦⟧\s]{1,200})⟧/g;
