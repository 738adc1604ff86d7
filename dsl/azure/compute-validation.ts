/** Checks of scale set settings that Azure would reject at deployment. */
import { Evaluator } from '../core/evaluate';
import { describeResource, problem } from '../core/problem';
import type { Rule } from '../core/validation';

/**
 * Largest customData after base64 decoding, in bytes:
 * https://learn.microsoft.com/azure/templates/microsoft.compute/virtualmachinescalesets
 */
export const customDataLimitBytes = 65535;

/**
 * customData decodes to at most 64 KiB. Parameters without a default are given a
 * stand-in of 256 characters, about the length of a blob URL with a long name.
 */
export const customDataSizeRule: Rule = (template, evaluator: Evaluator) => {
  const problems: string[] = [];
  const sized = new Evaluator({ ...evaluator.context, missingParameterValue: 'x'.repeat(256) });
  for (const scaleSet of template.resources.filter((resource) => resource.type === 'Microsoft.Compute/virtualMachineScaleSets' && !resource.existing)) {
    const properties = scaleSet.body.properties as { virtualMachineProfile?: { osProfile?: { customData?: unknown } } } | undefined;
    const customData = properties?.virtualMachineProfile?.osProfile?.customData;
    if (customData === undefined) {
      continue;
    }
    const encoded = String(sized.evaluate(customData as never));
    const bytes = Buffer.from(encoded, 'base64').length;
    if (bytes > customDataLimitBytes) {
      problems.push(
        problem(
          describeResource(scaleSet),
          'properties.virtualMachineProfile.osProfile.customData',
          `${bytes} bytes decoded`,
          `exceeds Azure's limit of ${customDataLimitBytes} bytes; move content into the release tarball`,
        ),
      );
    }
  }
  return problems;
};
