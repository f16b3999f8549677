import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;

/*
 * Histories are stored as protobuf.js JSON (enum names, 64-bit numbers as strings, bytes as base64). The SDK's
 * `historyToJSON`/`historyFromJSON` would write the CLI's format, but with @temporalio/common and @temporalio/proto
 * each holding its own copy of protobufjs in this install, they throw "type must be a Type".
 */

/** A history as the JSON text of a file under test/histories. */
export const historyToText = (history: History): string =>
  JSON.stringify(temporal.api.history.v1.History.fromObject(history).toJSON());

/** The history a file under test/histories holds. */
export const historyFromText = (text: string): temporal.api.history.v1.History =>
  temporal.api.history.v1.History.fromObject(JSON.parse(text) as Record<string, unknown>);
