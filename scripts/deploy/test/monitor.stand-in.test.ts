import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runMonitor } from '../monitor/monitor';
import { describeWhen, findCommand } from '../../../test/support/requirements';
import { ArmStandIn } from './support/arm-stand-in';
import { createTestContext, type TestContext } from './support/context';
import { FakeAz } from './support/fake-az';
import { PREFIX, RESOURCE_GROUP, SUBSCRIPTION_ID, VMSS_ID, accountShow, mainOutputs, vmId, vmList } from './support/fixtures';

const NOW = new Date('2026-12-04T20:00:00.000Z');
const START = '2026-12-04T19:55:00.000Z';
const END = NOW.toISOString();
const OLD_VM = 'vmss-app_3f9a1c2b';
const NEW_VM = 'vmss-app_0a7b5d11';

/** `az monitor metrics list` output for Percentage CPU at PT1M grain. */
function metrics(resourceId: string, averages: Array<number | null>): unknown {
  return {
    cost: 4,
    interval: 'PT1M',
    namespace: 'Microsoft.Compute/virtualMachines',
    resourceregion: 'westeurope',
    timespan: `${START}/${END}`,
    value: [
      {
        displayDescription: 'The percentage of allocated compute units that are currently in use by the Virtual Machine(s)',
        errorCode: 'Success',
        id: `${resourceId}/providers/Microsoft.Insights/metrics/Percentage CPU`,
        name: { localizedValue: 'Percentage CPU', value: 'Percentage CPU' },
        timeseries: [
          {
            data: averages.map((average, minute) => ({
              timeStamp: new Date(Date.parse(START) + minute * 60_000).toISOString().replace('.000Z', '+00:00'),
              ...(average === null ? {} : { average }),
            })),
            metadatavalues: [],
          },
        ],
        type: 'Microsoft.Insights/metrics',
        unit: 'Percent',
      },
    ],
  };
}

const instanceViews = [
  {
    id: vmId(NEW_VM),
    name: NEW_VM,
    instanceView: {
      statuses: [{ code: 'ProvisioningState/creating', level: 'Info' }, { code: 'PowerState/starting', level: 'Info' }],
    },
  },
  {
    id: vmId(OLD_VM),
    name: OLD_VM,
    instanceView: {
      statuses: [{ code: 'ProvisioningState/succeeded', level: 'Info' }, { code: 'PowerState/running', level: 'Info' }],
      vmHealth: { status: { code: 'HealthState/healthy', level: 'Info', displayStatus: 'The VM is healthy' } },
    },
  },
];

const autoscaleShow = {
  enabled: true,
  id: `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/providers/microsoft.insights/autoscalesettings/vmss-autoscale`,
  location: 'westeurope',
  name: 'vmss-autoscale',
  notifications: [],
  profiles: [
    {
      capacity: { default: '1', maximum: '5', minimum: '1' },
      name: 'cpu',
      rules: [
        {
          metricTrigger: {
            dividePerInstance: false, metricName: 'Percentage CPU', metricNamespace: 'microsoft.compute/virtualmachinescalesets',
            metricResourceUri: VMSS_ID, operator: 'GreaterThan', statistic: 'Average', threshold: 70, timeAggregation: 'Average',
            timeGrain: 'PT1M', timeWindow: 'PT5M',
          },
          scaleAction: { cooldown: 'PT5M', direction: 'Increase', type: 'ChangeCount', value: '1' },
        },
        {
          metricTrigger: {
            dividePerInstance: false, metricName: 'Percentage CPU', metricNamespace: 'microsoft.compute/virtualmachinescalesets',
            metricResourceUri: VMSS_ID, operator: 'LessThan', statistic: 'Average', threshold: 30, timeAggregation: 'Average',
            timeGrain: 'PT1M', timeWindow: 'PT5M',
          },
          scaleAction: { cooldown: 'PT5M', direction: 'Decrease', type: 'ChangeCount', value: '1' },
        },
      ],
    },
  ],
  resourceGroup: RESOURCE_GROUP,
  targetResourceUri: VMSS_ID,
  type: 'Microsoft.Insights/autoscaleSettings',
};

const activityLog = [
  {
    caller: 'Microsoft.Insights/autoscaleSettings',
    category: { localizedValue: 'Autoscale', value: 'Autoscale' },
    eventTimestamp: '2026-12-04T19:57:12.4817313Z',
    level: 'Informational',
    operationName: { localizedValue: 'Autoscale scale up completed', value: 'Microsoft.Insights/AutoscaleSettings/Scaleup/Action' },
    properties: {
      Description: `The autoscale engine attempting to scale resource '${VMSS_ID}' from 1 instances count to 2 instances count.`,
      ResourceName: VMSS_ID,
      OldInstancesCount: '1',
      NewInstancesCount: '2',
      LastScaleActionTime: 'Fri, 04 Dec 2026 19:57:12 GMT',
    },
    resourceGroupName: RESOURCE_GROUP,
    status: { localizedValue: 'Succeeded', value: 'Succeeded' },
  },
  {
    caller: 'dev@example.com',
    category: { localizedValue: 'Administrative', value: 'Administrative' },
    eventTimestamp: '2026-12-04T19:20:00.0000000Z',
    operationName: { localizedValue: 'Create or Update Virtual Machine', value: 'Microsoft.Compute/virtualMachines/write' },
    properties: {},
    resourceGroupName: RESOURCE_GROUP,
    status: { localizedValue: 'Succeeded', value: 'Succeeded' },
  },
  {
    caller: 'Microsoft.Insights/autoscaleSettings',
    category: { localizedValue: 'Autoscale', value: 'Autoscale' },
    eventTimestamp: '2026-12-04T16:02:40.1000000Z',
    operationName: { localizedValue: 'Autoscale scale down completed', value: 'Microsoft.Insights/AutoscaleSettings/Scaledown/Action' },
    properties: { oldInstancesCount: '3', newInstancesCount: '2' },
    resourceGroupName: RESOURCE_GROUP,
    status: { localizedValue: 'Succeeded', value: 'Succeeded' },
  },
];

describeWhen(findCommand('openssl'), 'openssl', 'apt-get install openssl (the ARM stand-in needs a TLS certificate)')(
  'monitor --once against stand-ins',
  () => {
    let arm: ArmStandIn;
    let app: Server;
    let appUrl: string;
    let fakeAz: FakeAz;
    let harness: TestContext;

    beforeAll(async () => {
      arm = new ArmStandIn(SUBSCRIPTION_ID);
      await arm.start();
      app = createServer((request, response) => {
        if (request.url === '/api/instances') {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({
            instances: [
              { instance_id: OLD_VM, visits: 1234, last_seen: '2026-12-04T19:59:58.000Z' },
              { instance_id: NEW_VM, visits: 17, last_seen: '2026-12-04T19:59:30.000Z' },
            ],
          }));
          return;
        }
        response.writeHead(404).end();
      });
      await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
      appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/`;

      arm.setDeployment(RESOURCE_GROUP, 'vmss-main', { polls: [{ provisioningState: 'Succeeded', operations: [] }], outputs: mainOutputs(appUrl) });
      fakeAz = new FakeAz([
        { match: ['account', 'show'], stdout: accountShow },
        { match: ['monitor', 'autoscale', 'show'], stdout: autoscaleShow },
        { match: ['vm', 'list'], stdout: vmList },
        { match: ['vm', 'get-instance-view'], stdout: instanceViews },
        { match: ['monitor', 'metrics', 'list', '--resource', vmId(OLD_VM)], stdout: metrics(vmId(OLD_VM), [60, 70, 80, 90, 100]) },
        { match: ['monitor', 'metrics', 'list', '--resource', vmId(NEW_VM)], stdout: metrics(vmId(NEW_VM), [null, null, null, null, 35.5]) },
        { match: ['monitor', 'metrics', 'list', '--resource', VMSS_ID], stdout: metrics(VMSS_ID, [60, 70, 80, 85, 72.5]) },
        { match: ['monitor', 'activity-log', 'list'], stdout: activityLog },
      ]);
      harness = createTestContext({ fakeAz, arm, now: NOW });
    });

    afterAll(async () => {
      await arm?.stop();
      await new Promise<void>((resolve) => (app ? app.close(() => resolve()) : resolve()));
      fakeAz?.remove();
      harness?.cleanup();
    });

    test('exact az queries and snapshot', async () => {
      await runMonitor(harness.context, {
        resourceGroup: RESOURCE_GROUP, prefix: PREFIX, interval: 30, once: true, eventHours: 6, clearScreen: false,
      });

      const tail = ['--output', 'json', '--only-show-errors'];
      const cpu = (resource: string): string[] => [
        'monitor', 'metrics', 'list', '--resource', resource, '--metric', 'Percentage CPU', '--aggregation', 'Average',
        '--interval', 'PT1M', '--start-time', START, '--end-time', END, ...tail,
      ];
      expect(fakeAz.calls()).toEqual([
        ['account', 'show', ...tail],
        ['monitor', 'autoscale', 'show', '--resource-group', RESOURCE_GROUP, '--name', 'vmss-autoscale', ...tail],
        ['vm', 'list', '--resource-group', RESOURCE_GROUP, ...tail],
        ['vm', 'get-instance-view', '--ids', vmId(NEW_VM), vmId(OLD_VM), ...tail],
        cpu(vmId(NEW_VM)),
        cpu(vmId(OLD_VM)),
        cpu(VMSS_ID),
        ['monitor', 'activity-log', 'list', '--resource-group', RESOURCE_GROUP, '--start-time', '2026-12-04T14:00:00.000Z', ...tail],
      ]);

      expect(harness.output()).toBe(
        [
          `Scale set vmss-app in ${RESOURCE_GROUP} at 2026-12-04T20:00:00.000Z`,
          `App: ${appUrl}`,
          '',
          'Instances (2)',
          '  NAME               PROVISIONING  HEALTH   POWER     AGE  CPU 1 MIN  CPU PT5M',
          '  vmss-app_0a7b5d11  Creating      unknown  starting  2m   35.5 %     35.5 %',
          '  vmss-app_3f9a1c2b  Succeeded     healthy  running   50m  100.0 %    80.0 %',
          '  Scale set Percentage CPU, average over PT5M (the autoscale window): 73.5 %',
          '',
          'Autoscale rules',
          '  profile cpu: minimum 1, default 1, maximum 5',
          '    scale out +1   when Percentage CPU (Average per grain, Average over PT5M) GreaterThan 70; cooldown PT5M',
          '    scale in  -1   when Percentage CPU (Average per grain, Average over PT5M) LessThan 30; cooldown PT5M',
          '',
          'Autoscale events in the last 6 h',
          '  2026-12-04T19:57:12.481Z  scale out  1 -> 2   Succeeded',
          '  2026-12-04T16:02:40.100Z  scale in   3 -> 2   Succeeded',
          '',
          'Visits per instance (app /api/instances)',
          '  INSTANCE           VISITS  LAST SEEN',
          '  vmss-app_0a7b5d11  17      30s ago',
          '  vmss-app_3f9a1c2b  1234    2s ago',
          '  total 1251',
          '',
        ].join('\n'),
      );
    });

    test('refreshes every interval until stopped', async () => {
      const sleeps: number[] = [];
      const stop = new Error('stop after the second refresh');
      const looping = {
        ...harness.context,
        sleep: async (ms: number) => {
          sleeps.push(ms);
          if (sleeps.length === 2) {
            throw stop;
          }
        },
      };
      const before = harness.output().length;

      await expect(
        runMonitor(looping, { resourceGroup: RESOURCE_GROUP, prefix: PREFIX, interval: 45, once: false, eventHours: 6, clearScreen: true }),
      ).rejects.toBe(stop);

      const text = harness.output().slice(before);
      expect(sleeps).toEqual([45_000, 45_000]);
      expect(text.split('\x1b[2J\x1b[H')).toHaveLength(3);
      expect(text.match(/Refreshing every 45 s\. Press Ctrl\+C to stop\./g)).toHaveLength(2);
    });

    test('unreachable app shown as unavailable', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      arm.setDeployment(RESOURCE_GROUP, 'vmss-main', { polls: [{ provisioningState: 'Succeeded', operations: [] }], outputs: mainOutputs(deadUrl) });
      const before = harness.output().length;

      await runMonitor(harness.context, {
        resourceGroup: RESOURCE_GROUP, prefix: PREFIX, interval: 30, once: true, eventHours: 6, clearScreen: false,
      });

      const text = harness.output().slice(before);
      expect(text.endsWith(`Visits per instance (app /api/instances)\n  unavailable: GET ${deadUrl}api/instances failed: ECONNREFUSED\n`)).toBe(true);
      expect(text).toContain('  vmss-app_3f9a1c2b  Succeeded     healthy  running   50m  100.0 %    80.0 %');
    });
  },
);
