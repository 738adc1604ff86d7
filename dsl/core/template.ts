/** A template under construction: parameters, variables, resources and outputs in declaration order. */
import type { Value } from './expression';
import type { Output } from './output';
import { Parameter, type ParameterOptions } from './parameter';
import { Resource, type ResourceOptions } from './resource';
import { Variable } from './variable';

export class Template {
  readonly parameters: Parameter[] = [];
  readonly variables: Variable[] = [];
  readonly resources: Resource[] = [];
  readonly outputs: Output[] = [];

  /** @param description One line saying what the template deploys; written at the top of the Bicep file. */
  constructor(
    readonly name: string,
    readonly description: string,
  ) {}

  parameter<T = unknown>(name: string, options: ParameterOptions): Parameter<T> {
    const parameter = new Parameter<T>(name, options);
    this.parameters.push(parameter);
    return parameter;
  }

  variable<T = unknown>(name: string, value: Value): Variable<T> {
    const variable = new Variable<T>(name, value);
    this.variables.push(variable);
    return variable;
  }

  resource(options: ResourceOptions | Resource): Resource {
    const resource = options instanceof Resource ? options : new Resource(options);
    this.resources.push(resource);
    return resource;
  }

  output(output: Output): void {
    this.outputs.push(output);
  }
}
