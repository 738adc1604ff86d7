/**
 * Checks the parameters deploy passes and the outputs it reads against the
 * templates the DSL builds, so a renamed parameter or output fails here
 * rather than in Azure. The deploy stand-in tests pin the exact arguments.
 */
import { buildFoundation } from '../../../dsl/topology/foundation';
import { buildMain } from '../../../dsl/topology/main';

const foundationParametersPassed = ['location', 'prefix'];
const foundationOutputsRead = ['blobEndpoint', 'releaseContainerName', 'storageAccountName', 'identityName', 'identityPrincipalId'];
const mainParametersPassed = [
  'location', 'prefix', 'identityName', 'identityPrincipalId', 'releaseBlobUrl', 'releaseSha256', 'sshPublicKey', 'sshSourceAddressPrefix',
];
const mainOutputsRead = ['appUrl', 'vmssName', 'autoscaleSettingName'];

describe('deploy against the DSL templates', () => {
  const foundation = buildFoundation();
  const main = buildMain();

  test('foundation declares the parameters deploy passes', () => {
    const declared = foundation.parameters.map((parameter) => parameter.name);
    expect(declared).toEqual(expect.arrayContaining(foundationParametersPassed));
  });

  test('foundation has no required parameter deploy omits', () => {
    const required = foundation.parameters.filter((parameter) => parameter.options.defaultValue === undefined).map((parameter) => parameter.name);
    expect(required.filter((name) => !foundationParametersPassed.includes(name))).toEqual([]);
  });

  test('foundation declares the outputs deploy reads', () => {
    expect(foundation.outputs.map((output) => output.name)).toEqual(expect.arrayContaining(foundationOutputsRead));
  });

  test('main declares the parameters deploy passes', () => {
    const declared = main.parameters.map((parameter) => parameter.name);
    expect(declared).toEqual(expect.arrayContaining(mainParametersPassed));
  });

  test('main has no required parameter deploy omits', () => {
    const required = main.parameters.filter((parameter) => parameter.options.defaultValue === undefined).map((parameter) => parameter.name);
    expect(required.filter((name) => !mainParametersPassed.includes(name))).toEqual([]);
  });

  test('main declares the outputs deploy and monitor read', () => {
    expect(main.outputs.map((output) => output.name)).toEqual(expect.arrayContaining(mainOutputsRead));
  });

  test('main keeps release parameters out of secure ones', () => {
    // release reads the previous values back from ARM, which returns no value for secure parameters.
    const secure = main.parameters.filter((parameter) => parameter.secure).map((parameter) => parameter.name);
    expect(secure.filter((name) => mainParametersPassed.includes(name))).toEqual([]);
  });
});
