/** Microsoft.Compute: a Virtual Machine Scale Set in Flexible orchestration. */
import { KeyedObject, type Value } from '../core/expression';
import type { Resource } from '../core/resource';
import { define } from './define';

export interface ApplicationHealthOptions {
  protocol: 'http' | 'https' | 'tcp';
  port: Value;
  requestPath: Value;
  intervalInSeconds: Value;
  numberOfProbes: Value;
  /** Seconds after start during which a failing probe does not count (the extension's `gracePeriod`). */
  gracePeriod: Value;
}

export interface ScaleSetOptions {
  symbolicName: string;
  name: Value;
  location: Value;
  vmSize: Value;
  /** Instances at deployment; autoscale takes over afterwards. */
  capacity: Value;
  identity: Resource;
  adminUsername: Value;
  /** Public keys written to the admin user's authorized_keys; password login is off. */
  sshPublicKeys: Value;
  /** Base64 cloud-config, run by cloud-init at first boot. */
  customData: Value;
  subnetId: Value;
  backendPoolId: Value;
  health: ApplicationHealthOptions;
  /** ISO 8601 duration before automatic repairs replace an unhealthy instance. */
  repairGracePeriod: Value;
  /** ISO 8601 duration that a deletion waits after the Terminate scheduled event. */
  terminateNotBeforeTimeout: Value;
  /** Resources the instances need at boot that no property refers to. */
  dependsOn?: readonly Resource[];
}

/**
 * Ubuntu 22.04 LTS gen2 instances with SSH-key login only, the given user-assigned
 * identity, membership of a load balancer backend pool, the Application Health
 * extension, automatic repairs and terminate notifications.
 */
export function flexibleScaleSet(options: ScaleSetOptions): Resource {
  return define('Microsoft.Compute/virtualMachineScaleSets', {
    symbolicName: options.symbolicName,
    name: options.name,
    dependsOn: options.dependsOn,
    body: {
      location: options.location,
      sku: { name: options.vmSize, tier: 'Standard', capacity: options.capacity },
      identity: {
        type: 'UserAssigned',
        userAssignedIdentities: new KeyedObject([[options.identity.id, {}]]),
      },
      properties: {
        orchestrationMode: 'Flexible',
        platformFaultDomainCount: 1,
        singlePlacementGroup: false,
        upgradePolicy: { mode: 'Manual' },
        automaticRepairsPolicy: { enabled: true, gracePeriod: options.repairGracePeriod, repairAction: 'Replace' },
        virtualMachineProfile: {
          osProfile: {
            computerNamePrefix: 'vmss',
            adminUsername: options.adminUsername,
            customData: options.customData,
            linuxConfiguration: {
              disablePasswordAuthentication: true,
              provisionVMAgent: true,
              ssh: { publicKeys: options.sshPublicKeys },
            },
          },
          storageProfile: {
            imageReference: {
              publisher: 'Canonical',
              offer: '0001-com-ubuntu-server-jammy',
              sku: '22_04-lts-gen2',
              version: 'latest',
            },
            osDisk: {
              createOption: 'FromImage',
              caching: 'ReadWrite',
              deleteOption: 'Delete',
              managedDisk: { storageAccountType: 'Standard_LRS' },
            },
          },
          networkProfile: {
            // Flexible orchestration creates each instance's NIC through the network API.
            networkApiVersion: '2020-11-01',
            networkInterfaceConfigurations: [
              {
                name: 'nic',
                properties: {
                  primary: true,
                  deleteOption: 'Delete',
                  ipConfigurations: [
                    {
                      name: 'ipconfig',
                      properties: {
                        primary: true,
                        subnet: { id: options.subnetId },
                        loadBalancerBackendAddressPools: [{ id: options.backendPoolId }],
                      },
                    },
                  ],
                },
              },
            ],
          },
          extensionProfile: {
            extensions: [
              {
                name: 'ApplicationHealth',
                properties: {
                  publisher: 'Microsoft.ManagedServices',
                  type: 'ApplicationHealthLinux',
                  typeHandlerVersion: '2.0',
                  autoUpgradeMinorVersion: true,
                  settings: {
                    protocol: options.health.protocol,
                    port: options.health.port,
                    requestPath: options.health.requestPath,
                    intervalInSeconds: options.health.intervalInSeconds,
                    numberOfProbes: options.health.numberOfProbes,
                    gracePeriod: options.health.gracePeriod,
                  },
                },
              },
            ],
          },
          scheduledEventsProfile: {
            terminateNotificationProfile: { enable: true, notBeforeTimeout: options.terminateNotBeforeTimeout },
          },
        },
      },
    },
  });
}
