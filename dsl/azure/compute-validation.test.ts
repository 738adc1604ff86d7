import { Evaluator } from '../core/evaluate';
import { base64, interpolate } from '../core/expression';
import { Template } from '../core/template';
import { customDataSizeRule } from './compute-validation';
import { define } from './define';

const evaluator = new Evaluator();

function scaleSet(text: string): Template {
  const template = new Template('t', 't');
  const url = template.parameter('releaseBlobUrl', { type: 'string', description: 'No default, so a stand-in is used.' });
  template.resource(
    define('Microsoft.Compute/virtualMachineScaleSets', {
      symbolicName: 'scaleSet',
      name: 'vmss',
      body: { properties: { virtualMachineProfile: { osProfile: { customData: base64(interpolate`${text}${url.ref}`) } } } },
    }),
  );
  return template;
}

describe('customData size', () => {
  test('64 KiB minus the stand-in passes', () => {
    expect(customDataSizeRule(scaleSet('x'.repeat(65535 - 256)), evaluator)).toEqual([]);
  });

  test('over 64 KiB decoded', () => {
    expect(customDataSizeRule(scaleSet('x'.repeat(65535 - 255)), evaluator)).toEqual([
      'resource scaleSet (Microsoft.Compute/virtualMachineScaleSets): properties.virtualMachineProfile.osProfile.customData = "65536 bytes decoded": exceeds Azure\'s limit of 65535 bytes; move content into the release tarball',
    ]);
  });
});
