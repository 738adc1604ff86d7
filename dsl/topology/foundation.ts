/**
 * The foundation template: what must exist before the release tarball can be
 * uploaded and the instances can fetch it. A user-assigned identity, a storage
 * account with a private `releases` container, and read access for the identity.
 */
import { interpolate, resourceGroupId, resourceGroupLocation, uniqueString } from '../core/expression';
import { Template } from '../core/template';
import { builtInRoles, roleAssignmentForIdentity, roleDefinitionId } from '../azure/authorization';
import { userAssignedIdentity } from '../azure/managed-identity';
import { blobService, privateBlobContainer, storageAccount } from '../azure/storage';
import { prefixParameterOptions, releaseContainerName } from './naming';

export function buildFoundation(): Template {
  const template = new Template('foundation', 'Identity and release storage of vmss-autoscaling: deploy first, then upload the release tarball.');

  const location = template.parameter<string>('location', {
    type: 'string',
    description: 'Azure region of every resource; defaults to the resource group\'s region.',
    defaultValue: resourceGroupLocation(),
  });
  const prefix = template.parameter<string>('prefix', prefixParameterOptions);

  const readerRole = template.variable<string>('storageBlobDataReaderRoleId', roleDefinitionId(builtInRoles.storageBlobDataReader));

  const identity = template.resource(
    userAssignedIdentity({ symbolicName: 'identity', name: interpolate`${prefix.ref}-identity`, location: location.ref }),
  );
  const storage = template.resource(
    storageAccount({
      symbolicName: 'storage',
      // Storage account names are global: the resource group's hash keeps them unique.
      name: interpolate`${prefix.ref}${uniqueString(resourceGroupId())}`,
      location: location.ref,
    }),
  );
  const blobs = template.resource(blobService({ symbolicName: 'blobs', account: storage }));
  const releases = template.resource(privateBlobContainer({ symbolicName: 'releases', blobService: blobs, name: releaseContainerName }));
  template.resource(
    roleAssignmentForIdentity({
      symbolicName: 'releaseReader',
      scope: releases,
      identity,
      roleDefinitionId: readerRole.ref,
    }),
  );

  template.output({ name: 'storageAccountName', type: 'string', value: storage.nameRef, description: 'Storage account that contains the release tarballs.' });
  template.output({ name: 'blobEndpoint', type: 'string', value: storage.property('primaryEndpoints.blob'), description: 'Blob service address, ending in a slash.' });
  template.output({ name: 'releaseContainerName', type: 'string', value: releases.nameRef, description: 'Private container to upload release tarballs to.' });
  template.output({ name: 'identityName', type: 'string', value: identity.nameRef, description: 'User-assigned identity of the instances: the main template\'s identityName.' });
  template.output({ name: 'identityClientId', type: 'string', value: identity.property('clientId'), description: 'Client id the instances use to request tokens.' });
  template.output({ name: 'identityPrincipalId', type: 'string', value: identity.property('principalId'), description: 'Object id of the identity: the main template\'s identityPrincipalId.' });
  return template;
}
