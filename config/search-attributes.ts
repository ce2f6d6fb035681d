import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { searchAttributeDefinitions } from '../workflows/search-attributes';

/** gRPC status code of a method the server does not implement. */
const GRPC_UNIMPLEMENTED = 12;

const IndexedValueType = temporal.api.enums.v1.IndexedValueType;
const protoType = {
  KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  TEXT: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  INT: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DOUBLE: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  BOOL: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KEYWORD_LIST: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
} as const;

/**
 * Registers the project's search attributes in `namespace` through the operator service, skipping those
 * already there. Returns the names it added.
 */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const known = await listCustomAttributes(connection, namespace);
  const missing = searchAttributeDefinitions.filter(({ name }) => !known.has(name));
  if (missing.length === 0) return [];
  const searchAttributes = Object.fromEntries(missing.map(({ name, type }) => [name, protoType[type]]));
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
  return missing.map(({ name }) => name);
}

/** Names of the custom search attributes of `namespace`; empty where the server cannot list them (test server). */
async function listCustomAttributes(connection: Connection, namespace: string): Promise<Set<string>> {
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    return new Set(Object.keys(existing.customAttributes));
  } catch (err) {
    if ((err as { code?: unknown }).code === GRPC_UNIMPLEMENTED) return new Set();
    throw err;
  }
}
