import path from 'node:path';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';

type History = proto.temporal.api.history.v1.IHistory;

interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): History | null;
}

/*
 * NOTE: @temporalio/common's historyToJSON / historyFromJSON (also used by Worker.runReplayHistory for JSON input) take
 * protobufjs's protojson from @temporalio/common's own protobufjs copy. With the npm layout of this project
 * (@temporalio/common and @temporalio/proto each nest a protobufjs 8 because the root holds a 7) its
 * `instanceof Type` check fails: "type must be a Type". These two use protojson from the copy the types come from.
 */
const protoDir = path.dirname(require.resolve('@temporalio/proto/package.json'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const protojson = require(require.resolve('protobufjs/ext/protojson', { paths: [protoDir] })) as ProtoJson;
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType(
  'temporal.api.history.v1.History',
);

/** A history as proto3 JSON text, the format `temporal workflow show --output json` prints. */
export function historyToJson(history: History): string {
  const message = proto.temporal.api.history.v1.History.fromObject(history);
  return JSON.stringify(protojson.toJson(historyType, message), null, 2);
}

/** A history from proto3 JSON text (as {@link historyToJson} writes it); unknown fields are ignored. */
export function historyFromJson(text: string): History {
  const loaded = protojson.fromJson(historyType, JSON.parse(text), { ignoreUnknownFields: true });
  if (loaded === null) throw new TypeError('not a workflow history');
  return loaded;
}
