/**
 * RBAC (users, roles, grants, privilege groups) and resource groups against the in-process sink: the
 * exact request each method sends (decoded from the bytes received), the `dbname` header, the SDK-shaped
 * results of scripted answers, the client-side loops (`hasRole`, `dropAllRoles`, `dropAllResourceGroups`),
 * and the SDK's messages for missing arguments, with nothing sent. Milvus Lite serves none of these: see
 * `admin-methods.live.test.ts`.
 */
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_RESOURCE_GROUP, ERROR_REASONS, InvalidInputError, MilvusClient, Privileges, RbacObjects } from '../../src/index.js';
import { decodeMessage, encodeMessage } from '../../src/proto/index.js';
import { reply, startSink, type GrpcSink } from '../fakes/grpc-sink.js';

const M = 'milvus.proto.milvus.';
const OK = { error_code: 'Success', reason: '', code: 0, retriable: false, detail: '', extra_info: {} };
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

let sink: GrpcSink;
let client: MilvusClient;

beforeAll(async () => {
  sink = await startSink();
  client = new MilvusClient({ uri: sink.uri, __SKIP_CONNECT__: true });
});
afterAll(async () => {
  await client.close();
  await sink.close();
});
beforeEach(() => {
  sink.calls.length = 0;
});

/** The decoded requests `method` received, in order. */
const received = (method: string, type: string) => sink.callsOf(method).map((c) => decodeMessage(M + type, c.request));
/** What `payload` looks like once encoded and decoded: the same object with every default filled in. */
const asSent = (type: string, payload: object) => decodeMessage(M + type, encodeMessage(M + type, payload));

type Case = [label: string, call: (c: MilvusClient) => Promise<unknown>, method: string, type: string, expected: object];

const RBAC_META = {
  users: [{ user: 'alice', password: 'secret', roles: [{ name: 'reader' }] }],
  roles: [{ name: 'reader', description: 'reads' }],
  grants: [{ role: { name: 'reader' }, object: { name: 'Collection' }, object_name: 'docs', db_name: 'default', grantor: { user: { name: 'root' }, privilege: { name: 'Search' } } }],
  privilege_groups: [{ group_name: 'readers', privileges: [{ name: 'Query' }] }],
};

const rbacCases: Case[] = [
  ['createUser (password base64 of UTF-8)', (c) => c.createUser({ username: 'alice', password: 'pä55-wörd', description: 'ops' }), 'CreateCredential', 'CreateCredentialRequest',
    { username: 'alice', password: b64('pä55-wörd'), description: 'ops' }],
  ['updateUser (passwords)', (c) => c.updateUser({ username: 'alice', oldPassword: 'old-pw', newPassword: 'new-pw' }), 'UpdateCredential', 'UpdateCredentialRequest',
    { username: 'alice', oldPassword: b64('old-pw'), newPassword: b64('new-pw') }],
  ['updateUser (description only)', (c) => c.updateUser({ username: 'alice', description: 'on call' }), 'UpdateCredential', 'UpdateCredentialRequest',
    { username: 'alice', description: 'on call' }],
  ['deleteUser', (c) => c.deleteUser({ username: 'alice' }), 'DeleteCredential', 'DeleteCredentialRequest', { username: 'alice' }],
  ['listUsers', (c) => c.listUsers(), 'ListCredUsers', 'ListCredUsersRequest', {}],
  ['createRole', (c) => c.createRole({ roleName: 'reader', description: 'reads' }), 'CreateRole', 'CreateRoleRequest', { entity: { name: 'reader', description: 'reads' } }],
  ['alterRole', (c) => c.alterRole({ roleName: 'reader', description: 'reads more' }), 'AlterRole', 'AlterRoleRequest', { role_name: 'reader', description: 'reads more' }],
  ['dropRole', (c) => c.dropRole({ roleName: 'reader' }), 'DropRole', 'DropRoleRequest', { role_name: 'reader' }],
  ['addUserToRole', (c) => c.addUserToRole({ username: 'alice', roleName: 'reader' }), 'OperateUserRole', 'OperateUserRoleRequest',
    { username: 'alice', role_name: 'reader', type: 'AddUserToRole' }],
  ['removeUserFromRole', (c) => c.removeUserFromRole({ username: 'alice', roleName: 'reader' }), 'OperateUserRole', 'OperateUserRoleRequest',
    { username: 'alice', role_name: 'reader', type: 'RemoveUserFromRole' }],
  ['describeRole (users always included, as the SDK)', (c) => c.describeRole({ roleName: 'reader', includeUserInfo: false }), 'SelectRole', 'SelectRoleRequest',
    { role: { name: 'reader' }, include_user_info: true }],
  ['listRoles', (c) => c.listRoles(), 'SelectRole', 'SelectRoleRequest', { include_user_info: true }],
  ['describeUser (roles always included, as the SDK)', (c) => c.describeUser({ username: 'alice', includeRoleInfo: false }), 'SelectUser', 'SelectUserRequest',
    { user: { name: 'alice' }, include_role_info: true }],
  ['grantPrivilege (db_name not sent, as the SDK)', (c) => c.grantPrivilege({ roleName: 'reader', object: RbacObjects.Collection, objectName: 'docs', privilegeName: Privileges.Search, db_name: 'sales' }),
    'OperatePrivilege', 'OperatePrivilegeRequest',
    { entity: { role: { name: 'reader' }, object: { name: 'Collection' }, object_name: 'docs', grantor: { privilege: { name: 'Search' } } }, type: 'Grant' }],
  ['revokePrivilege', (c) => c.revokePrivilege({ roleName: 'reader', object: RbacObjects.Global, objectName: '*', privilegeName: Privileges.CreateCollection }),
    'OperatePrivilege', 'OperatePrivilegeRequest',
    { entity: { role: { name: 'reader' }, object: { name: 'Global' }, object_name: '*', grantor: { privilege: { name: 'CreateCollection' } } }, type: 'Revoke' }],
  ['selectGrant with db_name', (c) => c.selectGrant({ roleName: 'reader', object: RbacObjects.Collection, objectName: 'docs', db_name: 'sales' }), 'SelectGrant', 'SelectGrantRequest',
    { entity: { role: { name: 'reader' }, object: { name: 'Collection' }, object_name: 'docs', db_name: 'sales' } }],
  ['selectGrant without db_name', (c) => c.selectGrant({ roleName: 'reader', object: RbacObjects.Collection, objectName: 'docs' }), 'SelectGrant', 'SelectGrantRequest',
    { entity: { role: { name: 'reader' }, object: { name: 'Collection' }, object_name: 'docs' } }],
  ['listGrants (all databases by default)', (c) => c.listGrants({ roleName: 'reader' }), 'SelectGrant', 'SelectGrantRequest', { entity: { role: { name: 'reader' }, db_name: '*' } }],
  ['listGrants of one database', (c) => c.listGrants({ roleName: 'reader', db_name: 'sales' }), 'SelectGrant', 'SelectGrantRequest', { entity: { role: { name: 'reader' }, db_name: 'sales' } }],
  ['grantPrivilegeV2', (c) => c.grantPrivilegeV2({ role: 'reader', privilege: Privileges.Query, db_name: 'sales', collection_name: '*' }), 'OperatePrivilegeV2', 'OperatePrivilegeV2Request',
    { role: { name: 'reader' }, grantor: { privilege: { name: 'Query' } }, type: 'Grant', db_name: 'sales', collection_name: '*' }],
  ['revokePrivilegeV2', (c) => c.revokePrivilegeV2({ role: 'reader', privilege: Privileges.Query, db_name: '*', collection_name: 'docs' }), 'OperatePrivilegeV2', 'OperatePrivilegeV2Request',
    { role: { name: 'reader' }, grantor: { privilege: { name: 'Query' } }, type: 'Revoke', db_name: '*', collection_name: 'docs' }],
  ['createPrivilegeGroup', (c) => c.createPrivilegeGroup({ group_name: 'readers' }), 'CreatePrivilegeGroup', 'CreatePrivilegeGroupRequest', { group_name: 'readers' }],
  ['dropPrivilegeGroup', (c) => c.dropPrivilegeGroup({ group_name: 'readers' }), 'DropPrivilegeGroup', 'DropPrivilegeGroupRequest', { group_name: 'readers' }],
  ['listPrivilegeGroups', (c) => c.listPrivilegeGroups(), 'ListPrivilegeGroups', 'ListPrivilegeGroupsRequest', {}],
  ['addPrivilegesToGroup', (c) => c.addPrivilegesToGroup({ group_name: 'readers', privileges: ['Query', 'Search'] }), 'OperatePrivilegeGroup', 'OperatePrivilegeGroupRequest',
    { group_name: 'readers', privileges: [{ name: 'Query' }, { name: 'Search' }], type: 'AddPrivilegesToGroup' }],
  ['removePrivilegesFromGroup', (c) => c.removePrivilegesFromGroup({ group_name: 'readers', privileges: ['Search'] }), 'OperatePrivilegeGroup', 'OperatePrivilegeGroupRequest',
    { group_name: 'readers', privileges: [{ name: 'Search' }], type: 'RemovePrivilegesFromGroup' }],
  ['backupRBAC', (c) => c.backupRBAC(), 'BackupRBAC', 'BackupRBACMetaRequest', {}],
  ['restoreRBAC', (c) => c.restoreRBAC({ RBAC_meta: RBAC_META }), 'RestoreRBAC', 'RestoreRBACMetaRequest', { RBAC_meta: RBAC_META }],
];

const RG_CONFIG = {
  requests: { node_num: 1 }, limits: { node_num: 2 },
  transfer_from: [{ resource_group: DEFAULT_RESOURCE_GROUP }], transfer_to: [{ resource_group: DEFAULT_RESOURCE_GROUP }],
  node_filter: { node_labels: [{ key: 'env', value: 'test' }] },
};
const CLUSTERS = [{ cluster_id: 'a', connection_param: { uri: 'http://a:19530', token: 't' }, pchannels: ['a-1'] }, { cluster_id: 'b', connection_param: { uri: 'http://b:19530' } }];

const resourceCases: Case[] = [
  ['createResourceGroup', (c) => c.createResourceGroup({ resource_group: 'rg1', config: RG_CONFIG }), 'CreateResourceGroup', 'CreateResourceGroupRequest', { resource_group: 'rg1', config: RG_CONFIG }],
  ['listResourceGroups', (c) => c.listResourceGroups(), 'ListResourceGroups', 'ListResourceGroupsRequest', {}],
  ['describeResourceGroup', (c) => c.describeResourceGroup({ resource_group: 'rg1' }), 'DescribeResourceGroup', 'DescribeResourceGroupRequest', { resource_group: 'rg1' }],
  ['updateResourceGroups', (c) => c.updateResourceGroups({ resource_groups: { rg1: RG_CONFIG, rg2: { limits: { node_num: 0 } } } }), 'UpdateResourceGroups', 'UpdateResourceGroupsRequest',
    { resource_groups: { rg1: RG_CONFIG, rg2: { limits: { node_num: 0 } } } }],
  ['dropResourceGroup', (c) => c.dropResourceGroup({ resource_group: 'rg1' }), 'DropResourceGroup', 'DropResourceGroupRequest', { resource_group: 'rg1' }],
  ['transferReplica', (c) => c.transferReplica({ collection_name: 'docs', db_name: 'sales', source_resource_group: 'rg1', target_resource_group: 'rg2', num_replica: 2 }),
    'TransferReplica', 'TransferReplicaRequest', { collection_name: 'docs', db_name: 'sales', source_resource_group: 'rg1', target_resource_group: 'rg2', num_replica: '2' }],
  ['transferNode', (c) => c.transferNode({ source_resource_group: 'rg1', target_resource_group: 'rg2', num_node: 3 }), 'TransferNode', 'TransferNodeRequest',
    { source_resource_group: 'rg1', target_resource_group: 'rg2', num_node: 3 }],
  ['updateReplicateConfiguration (defaults)', (c) => c.updateReplicateConfiguration({ clusters: CLUSTERS }), 'UpdateReplicateConfiguration', 'UpdateReplicateConfigurationRequest',
    { replicate_configuration: { clusters: CLUSTERS, cross_cluster_topology: [] }, force_promote: false }],
  ['updateReplicateConfiguration', (c) => c.updateReplicateConfiguration({ clusters: CLUSTERS, cross_cluster_topology: [{ source_cluster_id: 'a', target_cluster_id: 'b' }], force_promote: true }),
    'UpdateReplicateConfiguration', 'UpdateReplicateConfigurationRequest',
    { replicate_configuration: { clusters: CLUSTERS, cross_cluster_topology: [{ source_cluster_id: 'a', target_cluster_id: 'b' }] }, force_promote: true }],
  ['getReplicateConfiguration', (c) => c.getReplicateConfiguration(), 'GetReplicateConfiguration', 'GetReplicateConfigurationRequest', {}],
];

describe('requests sent', () => {
  test.each([...rbacCases, ...resourceCases])('%s', async (_label, call, method, type, expected) => {
    await call(client);
    expect(sink.calls.map((c) => c.method)).toEqual([method]);
    expect(received(method, type)).toEqual([asSent(type, expected)]);
  });

  test.each([
    ['updatePassword', 'updateUser', { username: 'alice', oldPassword: 'a', newPassword: 'b' }],
    ['dropUser', 'deleteUser', { username: 'alice' }],
    ['grantRole', 'addUserToRole', { username: 'alice', roleName: 'reader' }],
    ['revokeRole', 'removeUserFromRole', { username: 'alice', roleName: 'reader' }],
    ['selectRole', 'describeRole', { roleName: 'reader' }],
    ['selectUser', 'describeUser', { username: 'alice' }],
    ['grantRolePrivilege', 'grantPrivilege', { roleName: 'reader', object: 'Collection', objectName: 'docs', privilegeName: 'Search' }],
    ['revokeRolePrivilege', 'revokePrivilege', { roleName: 'reader', object: 'Collection', objectName: 'docs', privilegeName: 'Search' }],
    ['listGrant', 'selectGrant', { roleName: 'reader', object: 'Collection', objectName: 'docs' }],
    ['update_replicate_configuration', 'updateReplicateConfiguration', { clusters: CLUSTERS }],
    ['get_replicate_configuration', 'getReplicateConfiguration', {}],
  ])('%s sends what %s sends', async (alias, original, args) => {
    const run = (name: string) => (client as unknown as Record<string, (a: object) => Promise<unknown>>)[name]!(args);
    await run(original);
    await run(alias);
    expect(sink.calls).toHaveLength(2);
    expect(sink.calls[1]!.method).toBe(sink.calls[0]!.method);
    expect(sink.calls[1]!.request).toEqual(sink.calls[0]!.request);
  });

  test('RBAC calls keep the dbname header at the current database; resource calls send the request database', async () => {
    await client.grantPrivilegeV2({ role: 'reader', privilege: 'Query', db_name: 'sales', collection_name: '*' });
    await client.listGrants({ roleName: 'reader', db_name: 'sales' });
    await client.transferReplica({ collection_name: 'docs', db_name: 'sales', source_resource_group: 'a', target_resource_group: 'b', num_replica: 1 });
    expect(sink.calls.map((c) => [c.method, c.metadata.dbname])).toEqual([['OperatePrivilegeV2', 'default'], ['SelectGrant', 'default'], ['TransferReplica', 'sales']]);
  });
});

describe('missing arguments: the SDK message, nothing sent', () => {
  test.each([
    ['createUser without password', (c: MilvusClient) => c.createUser({ username: 'alice' } as never), ERROR_REASONS.USERNAME_PWD_ARE_REQUIRED],
    ['createUser without username', (c: MilvusClient) => c.createUser({ password: 'pw' } as never), ERROR_REASONS.USERNAME_PWD_ARE_REQUIRED],
    ['updateUser with a new password but not the old', (c: MilvusClient) => c.updateUser({ username: 'alice', newPassword: 'pw' }), ERROR_REASONS.USERNAME_PWD_ARE_REQUIRED],
    ['updateUser with nothing to change', (c: MilvusClient) => c.updateUser({ username: 'alice' }), ERROR_REASONS.USERNAME_PWD_ARE_REQUIRED],
    ['updatePassword without username', (c: MilvusClient) => c.updatePassword({ oldPassword: 'a', newPassword: 'b' } as never), ERROR_REASONS.USERNAME_PWD_ARE_REQUIRED],
    ['deleteUser without username', (c: MilvusClient) => c.deleteUser({} as never), ERROR_REASONS.USERNAME_IS_REQUIRED],
    ['dropUser with an empty username', (c: MilvusClient) => c.dropUser({ username: '' }), ERROR_REASONS.USERNAME_IS_REQUIRED],
    ['updateReplicateConfiguration without clusters', (c: MilvusClient) => c.updateReplicateConfiguration({} as never), 'The `clusters` property is missing.'],
  ])('%s', async (_label, call, message) => {
    const err = await call(client).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as Error).message).toEqual(message);
    expect(sink.calls).toEqual([]);
  });
});

describe('results', () => {
  const failed = { error_code: 1, code: 65535, reason: 'not allowed' };

  test('listUsers: usernames and the status as data', async () => {
    sink.on('ListCredUsers', () => reply(`${M}ListCredUsersResponse`, { status: {}, usernames: ['root', 'alice'] }));
    await expect(client.listUsers()).resolves.toEqual({ status: OK, usernames: ['root', 'alice'] });
  });

  test('a refusal resolves with the server status (no throw), as in the SDK', async () => {
    sink.on('CreateRole', () => reply('milvus.proto.common.Status', failed));
    await expect(client.createRole({ roleName: 'reader' })).resolves.toMatchObject({ error_code: 'UnexpectedError', code: 65535, reason: 'not allowed' });
  });

  test('describeUser / selectUser: results[].user, roles and description', async () => {
    sink.on('SelectUser', () => reply(`${M}SelectUserResponse`, { status: {}, results: [{ user: { name: 'alice' }, roles: [{ name: 'reader' }, { name: 'public' }], description: 'ops' }] }));
    const res = await client.selectUser({ username: 'alice' });
    expect(res).toEqual({
      status: OK,
      results: [{ user: { name: 'alice' }, roles: [{ name: 'reader', description: '' }, { name: 'public', description: '' }], description: 'ops' }],
    });
  });

  test('describeRole: results[].role and users', async () => {
    sink.on('SelectRole', () => reply(`${M}SelectRoleResponse`, { status: {}, results: [{ role: { name: 'reader', description: 'reads' }, users: [{ name: 'alice' }] }] }));
    const res = await client.describeRole({ roleName: 'reader' });
    expect(res.results).toEqual([{ role: { name: 'reader', description: 'reads' }, users: [{ name: 'alice' }] }]);
  });

  test.each([['reader', true], ['writer', false]])('hasRole(%s) → %s, from the role list', async (roleName, expected) => {
    sink.on('SelectRole', () => reply(`${M}SelectRoleResponse`, { status: {}, results: [{ role: { name: 'admin' } }, { role: { name: 'reader' } }] }));
    await expect(client.hasRole({ roleName })).resolves.toEqual({ status: OK, hasRole: expected });
    expect(received('SelectRole', 'SelectRoleRequest')).toEqual([asSent('SelectRoleRequest', { include_user_info: true })]);
  });

  test('listGrants: entities with role, object, grantor and database', async () => {
    const entity = { role: { name: 'reader' }, object: { name: 'Collection' }, object_name: 'docs', db_name: 'default', grantor: { user: { name: 'root' }, privilege: { name: 'Search' } } };
    sink.on('SelectGrant', () => reply(`${M}SelectGrantResponse`, { status: {}, entities: [entity] }));
    const res = await client.listGrants({ roleName: 'reader' });
    expect(res.entities).toEqual([{ ...entity, role: { name: 'reader', description: '' } }]);
  });

  test('listPrivilegeGroups: groups with their privileges', async () => {
    sink.on('ListPrivilegeGroups', () => reply(`${M}ListPrivilegeGroupsResponse`, { status: {}, privilege_groups: [{ group_name: 'readers', privileges: [{ name: 'Query' }, { name: 'Search' }] }] }));
    const res = await client.listPrivilegeGroups();
    expect(res.privilege_groups).toEqual([{ group_name: 'readers', privileges: [{ name: 'Query' }, { name: 'Search' }] }]);
  });

  test('backupRBAC: RBAC_meta as the server holds it', async () => {
    sink.on('BackupRBAC', () => reply(`${M}BackupRBACMetaResponse`, { status: {}, RBAC_meta: RBAC_META }));
    const res = await client.backupRBAC();
    expect(res.RBAC_meta.users).toEqual([{ user: 'alice', password: 'secret', roles: [{ name: 'reader', description: '' }] }]);
    expect(res.RBAC_meta.roles).toEqual([{ name: 'reader', description: 'reads' }]);
    expect(res.RBAC_meta.privilege_groups).toEqual(RBAC_META.privilege_groups);
    expect(res.RBAC_meta.grants[0]!.grantor.privilege.name).toBe('Search');
  });

  test('dropAllRoles revokes every grant of every role, then drops it; resolves to the DropRole statuses', async () => {
    sink.on('SelectRole', () => reply(`${M}SelectRoleResponse`, { status: {}, results: [{ role: { name: 'admin' } }, { role: { name: 'reader' } }] }));
    sink.on('SelectGrant', (req) => {
      const role = decodeMessage<{ entity: { role: { name: string } } }>(`${M}SelectGrantRequest`, req).entity.role.name;
      const entities = role === 'reader'
        ? [{ role: { name: 'reader' }, object: { name: 'Collection' }, object_name: 'docs', grantor: { privilege: { name: 'Search' } } }]
        : [];
      return reply(`${M}SelectGrantResponse`, { status: {}, entities });
    });
    sink.on('DropRole', (req) => decodeMessage<{ role_name: string }>(`${M}DropRoleRequest`, req).role_name === 'admin'
      ? reply('milvus.proto.common.Status', failed) : reply('milvus.proto.common.Status', {}));
    const statuses = await client.dropAllRoles();
    expect(sink.calls.map((c) => c.method)).toEqual(['SelectRole', 'SelectGrant', 'DropRole', 'SelectGrant', 'OperatePrivilege', 'DropRole']);
    expect(received('OperatePrivilege', 'OperatePrivilegeRequest')).toEqual([asSent('OperatePrivilegeRequest', {
      entity: { role: { name: 'reader' }, object: { name: 'Collection' }, object_name: 'docs', grantor: { privilege: { name: 'Search' } } }, type: 'Revoke',
    })]);
    expect(received('DropRole', 'DropRoleRequest').map((r) => (r as { role_name: string }).role_name)).toEqual(['admin', 'reader']);
    expect(statuses.map((s) => s.error_code)).toEqual(['UnexpectedError', 'Success']);
  });

  test('describeResourceGroup: counts as numbers, node ids as exact text, configuration', async () => {
    sink.on('DescribeResourceGroup', () => reply(`${M}DescribeResourceGroupResponse`, {
      status: {},
      resource_group: {
        name: 'rg1', capacity: 2, num_available_node: 1, num_loaded_replica: { docs: 1 }, num_outgoing_node: {}, num_incoming_node: { docs: 1 },
        config: RG_CONFIG, nodes: [{ node_id: '9007199254740993', address: '10.0.0.1:21123', hostname: 'qn-1' }],
      },
    }));
    const { resource_group: rg } = await client.describeResourceGroup({ resource_group: 'rg1' });
    expect(rg).toMatchObject({ name: 'rg1', capacity: 2, num_available_node: 1, num_loaded_replica: { docs: 1 }, num_outgoing_node: {}, num_incoming_node: { docs: 1 } });
    expect(rg.nodes).toEqual([{ node_id: '9007199254740993', address: '10.0.0.1:21123', hostname: 'qn-1' }]);
    expect(rg.config).toEqual(RG_CONFIG);
  });

  test('dropAllResourceGroups hands nodes back to the default group, then drops all but it', async () => {
    sink.on('ListResourceGroups', () => reply(`${M}ListResourceGroupsResponse`, { status: {}, resource_groups: [DEFAULT_RESOURCE_GROUP, 'rg1', 'rg2'] }));
    sink.on('DescribeResourceGroup', (req) => {
      const name = decodeMessage<{ resource_group: string }>(`${M}DescribeResourceGroupRequest`, req).resource_group;
      return reply(`${M}DescribeResourceGroupResponse`, { status: {}, resource_group: { name, capacity: name === 'rg1' ? 2 : 0 } });
    });
    const statuses = await client.dropAllResourceGroups();
    expect(sink.calls.map((c) => c.method)).toEqual(['ListResourceGroups', 'DescribeResourceGroup', 'TransferNode', 'DropResourceGroup', 'DescribeResourceGroup', 'DropResourceGroup']);
    expect(received('TransferNode', 'TransferNodeRequest')).toEqual([asSent('TransferNodeRequest', { source_resource_group: 'rg1', target_resource_group: DEFAULT_RESOURCE_GROUP, num_node: 2 })]);
    expect(received('DropResourceGroup', 'DropResourceGroupRequest')).toEqual([asSent('DropResourceGroupRequest', { resource_group: 'rg1' }), asSent('DropResourceGroupRequest', { resource_group: 'rg2' })]);
    expect(statuses).toEqual([OK, OK]);
  });

  test('getReplicateConfiguration: clusters and topology', async () => {
    sink.on('GetReplicateConfiguration', () => reply(`${M}GetReplicateConfigurationResponse`, {
      status: {}, configuration: { clusters: CLUSTERS, cross_cluster_topology: [{ source_cluster_id: 'a', target_cluster_id: 'b' }] },
    }));
    const res = await client.getReplicateConfiguration();
    expect(res.configuration.clusters.map((c) => [c.cluster_id, c.connection_param.uri, c.pchannels])).toEqual([['a', 'http://a:19530', ['a-1']], ['b', 'http://b:19530', []]]);
    expect(res.configuration.cross_cluster_topology).toEqual([{ source_cluster_id: 'a', target_cluster_id: 'b' }]);
  });
});

describe('the sink serves every method of the service', () => {
  test('a server-streaming method is recorded and ends cleanly', async () => {
    const raw = new grpc.Client(sink.uri.replace('http://', ''), grpc.credentials.createInsecure());
    const stream = raw.makeServerStreamRequest('/milvus.proto.milvus.MilvusService/DumpMessages',
      (b: Uint8Array) => Buffer.from(b), (b: Buffer) => b, new Uint8Array([0x0a, 0x01, 0x78]));
    const messages: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (m: Buffer) => messages.push(m));
      stream.on('error', reject);
      stream.on('end', resolve);
    });
    raw.close();
    expect(messages).toEqual([]);
    expect(sink.callsOf('DumpMessages').map((c) => [...c.request])).toEqual([[0x0a, 0x01, 0x78]]);
  });
});
