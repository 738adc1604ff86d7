/** The DSL engine: build a `Template`, validate it, and render it as Bicep and ARM JSON. */
export * from './expression';
export { Parameter, type ParameterOptions, type ParameterType } from './parameter';
export { Variable } from './variable';
export type { Output } from './output';
export { Resource, type ResourceOptions } from './resource';
export { Template } from './template';
export { dependenciesOf, dependencyGraph, findCycle } from './dependencies';
export { Evaluator, type EvaluationContext } from './evaluate';
export { TemplateValidationError, describeResource, problem } from './problem';
export { type Rule, assertValidTemplate, coreRules, validateTemplate } from './validation';
export { emitArm, toArmTemplate } from './arm-emitter';
export { emitBicep } from './bicep-emitter';
