/**
 * A resource of a template: its type, API version, name and body. References to it
 * (`id`, `name`, `property(...)`) are expressions that remember the resource, so the
 * dependency graph can be derived from them instead of written by hand.
 */
import { Expression, type Value } from './expression';

export interface ResourceOptions {
  /** Identifier in the Bicep file; unique within the template. */
  symbolicName: string;
  /** Full type, such as `Microsoft.Network/virtualNetworks/subnets`. */
  type: string;
  apiVersion: string;
  /** The last name segment only; a child's full name comes from its parent. */
  name: Value;
  parent?: Resource;
  /** Resource that an extension resource (a role assignment) applies to. */
  scope?: Resource;
  /** Refers to a resource that another deployment created; it is not deployed here. */
  existing?: boolean;
  /** Deploys the resource only when this evaluates to true. */
  condition?: Value;
  /**
   * Top-level fields after `name`, in the order they are written (location, sku,
   * properties...). A function receives the resource, for ids of its own sub-resources.
   */
  body?: Readonly<Record<string, Value>> | ((self: Resource) => Readonly<Record<string, Value>>);
  /** Explicit dependencies, only for ordering that no reference expresses. */
  dependsOn?: readonly Resource[];
}

export class Resource {
  readonly symbolicName: string;
  readonly type: string;
  readonly apiVersion: string;
  readonly name: Value;
  readonly parent?: Resource;
  readonly scope?: Resource;
  readonly existing: boolean;
  readonly condition?: Value;
  readonly body: Readonly<Record<string, Value>>;
  readonly explicitDependsOn: readonly Resource[];

  constructor(options: ResourceOptions) {
    this.symbolicName = options.symbolicName;
    this.type = options.type;
    this.apiVersion = options.apiVersion;
    this.name = options.name;
    this.parent = options.parent;
    this.scope = options.scope;
    this.existing = options.existing === true;
    this.condition = options.condition;
    this.body = typeof options.body === 'function' ? options.body(this) : (options.body ?? {});
    this.explicitDependsOn = options.dependsOn ?? [];

    const segments = this.type.split('/').length - 1;
    const parentSegments = this.parent ? this.parent.type.split('/').length - 1 : 0;
    if (this.parent && !this.type.startsWith(`${this.parent.type}/`)) {
      throw new Error(
        `Resource ${this.symbolicName}: type ${this.type} is not a child of its parent's type ${this.parent.type}; give a parent of the enclosing type`,
      );
    }
    if (segments !== parentSegments + 1) {
      throw new Error(
        `Resource ${this.symbolicName}: type ${this.type} has ${segments} name segments, so it needs a parent of type ${this.type.split('/').slice(0, -1).join('/')}`,
      );
    }
  }

  /** The resource id, `resourceId(type, names...)` in ARM. */
  get id(): Expression<string> {
    return new Expression<string>({ kind: 'resourceId', resource: this });
  }

  /** The resource's own name segment. */
  get nameRef(): Expression<string> {
    return new Expression<string>({ kind: 'resourceName', resource: this });
  }

  /** A runtime property under `properties`, such as `primaryEndpoints.blob`. */
  property<T = unknown>(path: string): Expression<T> {
    return new Expression<T>({ kind: 'resourceProperty', resource: this, path: path.split('.') });
  }

  /** Builds the id of a sub-resource defined inside this resource's body, such as a load balancer probe. */
  childId(childType: string, childName: Value): Expression<string> {
    return new Expression<string>({ kind: 'childResourceId', resource: this, childType, childName });
  }

  /** The resources from the root down to this one. */
  get lineage(): Resource[] {
    return this.parent ? [...this.parent.lineage, this] : [this];
  }
}
