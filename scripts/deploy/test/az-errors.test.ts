import { AzCommandError, describeError, summarizeAzStderr } from '../errors';

describe('az error messages', () => {
  test('ERROR lines win over warnings', () => {
    const stderr = 'WARNING: A new version is available\nERROR: (ResourceGroupNotFound) Resource group \'rg\' could not be found.\nCode: x\n';
    expect(summarizeAzStderr(stderr)).toBe("(ResourceGroupNotFound) Resource group 'rg' could not be found.");
  });

  test('without ERROR lines the last line is kept', () => {
    expect(summarizeAzStderr('Traceback\n  boom\nKeyError: properties\n\n')).toBe('KeyError: properties');
  });

  test('empty stderr says so', () => {
    expect(summarizeAzStderr('')).toBe('no error output');
  });

  test('az failures name the command without its options', () => {
    const error = new AzCommandError(['deployment', 'group', 'create', '--resource-group', 'rg'], 1, 'InvalidTemplate');
    expect(describeError(error)).toBe('az deployment group create exited with 1: InvalidTemplate');
  });

  test('missing az reads as failed', () => {
    const error = new AzCommandError(['account', 'show'], undefined, 'az not found on PATH: install the Azure CLI, then run az login');
    expect(describeError(error)).toBe('az account show failed: az not found on PATH: install the Azure CLI, then run az login');
  });

  test('HTTP errors carry status and code', () => {
    const error = Object.assign(new Error('Forbidden\nmore'), { statusCode: 403, code: 'AuthorizationFailed' });
    expect(describeError(error)).toBe('HTTP 403 AuthorizationFailed: Forbidden');
  });
});
