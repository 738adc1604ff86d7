/** Shared helpers of the typed resource constructors. */
import type { Expression, Value } from '../core/expression';
import { Resource, type ResourceOptions } from '../core/resource';
import { type ResourceType, apiVersions } from './api-versions';

/** `T` with every leaf allowed to be an expression: the typed shape of a resource property. */
export type Valued<T> = T extends string | number | boolean | null
  ? T | Expression
  : T extends ReadonlyArray<infer U>
    ? ReadonlyArray<Valued<U>> | Expression
    : { [K in keyof T]: Valued<T[K]> } | Expression;

export type DefineOptions = Omit<ResourceOptions, 'type' | 'apiVersion'>;

/** A resource of `type` at the API version pinned for it. */
export function define(type: ResourceType, options: DefineOptions): Resource {
  return new Resource({ ...options, type, apiVersion: apiVersions[type] });
}

/** Drops undefined entries, so optional settings leave no key behind. */
export function compact(entries: Record<string, Value | undefined>): Record<string, Value> {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as Record<string, Value>;
}
