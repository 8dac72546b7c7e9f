/**
 * What Milvus Lite (the server the test setup starts) does with the administrative calls: it serves none
 * of them. RBAC, resource groups, replication, segment info, load balancing, metrics, bulk import,
 * snapshots, external-collection refresh and file resources all answer gRPC UNIMPLEMENTED. Like the SDK
 * (whose interceptor turns UNIMPLEMENTED into an empty answer), the client resolves with the response's
 * defaults, and with a failed status (code 10) that names the RPC and says UNIMPLEMENTED. Should a Lite
 * release start serving one of them, its row here fails, and it deserves a real round-trip test instead.
 * Requests and results are checked against the in-process sink in `admin-methods.test.ts` and
 * `admin-methods-data.test.ts`.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MilvusClient } from '../../src/index.js';
import { milvusUri, uniqueName } from '../setup/milvus-server.js';

const collection = uniqueName('admin');
let client: MilvusClient;

beforeAll(async () => {
  client = new MilvusClient({ uri: milvusUri() });
  await client.createCollection({ collection_name: collection, dimension: 4 });
  await client.insert({ collection_name: collection, data: [{ id: 1, vector: [1, 2, 3, 4] }, { id: 2, vector: [4, 3, 2, 1] }] });
  await client.flush({ collection_names: [collection] });
  await client.loadCollection({ collection_name: collection });
});

afterAll(async () => {
  await client.dropCollection({ collection_name: collection });
  await client.close();
});

type Row = [label: string, call: (c: MilvusClient) => Promise<unknown>, rpc: string];

const rbac: Row[] = [
  ['listUsers', (c) => c.listUsers(), 'ListCredUsers'],
  ['createUser', (c) => c.createUser({ username: 'admin_test_user', password: 'pw-123456' }), 'CreateCredential'],
  ['updateUser', (c) => c.updateUser({ username: 'admin_test_user', oldPassword: 'pw-123456', newPassword: 'pw-654321' }), 'UpdateCredential'],
  ['deleteUser', (c) => c.deleteUser({ username: 'admin_test_user' }), 'DeleteCredential'],
  ['createRole', (c) => c.createRole({ roleName: 'admin_test_role' }), 'CreateRole'],
  ['alterRole', (c) => c.alterRole({ roleName: 'admin_test_role', description: 'd' }), 'AlterRole'],
  ['dropRole', (c) => c.dropRole({ roleName: 'admin_test_role' }), 'DropRole'],
  ['addUserToRole', (c) => c.addUserToRole({ username: 'root', roleName: 'admin_test_role' }), 'OperateUserRole'],
  ['removeUserFromRole', (c) => c.removeUserFromRole({ username: 'root', roleName: 'admin_test_role' }), 'OperateUserRole'],
  ['describeRole', (c) => c.describeRole({ roleName: 'admin' }), 'SelectRole'],
  ['listRoles', (c) => c.listRoles(), 'SelectRole'],
  ['hasRole (lists roles)', (c) => c.hasRole({ roleName: 'admin' }), 'SelectRole'],
  ['describeUser', (c) => c.describeUser({ username: 'root' }), 'SelectUser'],
  ['grantPrivilege', (c) => c.grantPrivilege({ roleName: 'admin_test_role', object: 'Collection', objectName: collection, privilegeName: 'Search' }), 'OperatePrivilege'],
  ['revokePrivilege', (c) => c.revokePrivilege({ roleName: 'admin_test_role', object: 'Collection', objectName: collection, privilegeName: 'Search' }), 'OperatePrivilege'],
  ['selectGrant', (c) => c.selectGrant({ roleName: 'admin', object: 'Collection', objectName: '*' }), 'SelectGrant'],
  ['listGrants', (c) => c.listGrants({ roleName: 'admin' }), 'SelectGrant'],
  ['grantPrivilegeV2', (c) => c.grantPrivilegeV2({ role: 'admin_test_role', privilege: 'Query', db_name: '*', collection_name: '*' }), 'OperatePrivilegeV2'],
  ['revokePrivilegeV2', (c) => c.revokePrivilegeV2({ role: 'admin_test_role', privilege: 'Query', db_name: '*', collection_name: '*' }), 'OperatePrivilegeV2'],
  ['createPrivilegeGroup', (c) => c.createPrivilegeGroup({ group_name: 'admin_test_group' }), 'CreatePrivilegeGroup'],
  ['dropPrivilegeGroup', (c) => c.dropPrivilegeGroup({ group_name: 'admin_test_group' }), 'DropPrivilegeGroup'],
  ['listPrivilegeGroups', (c) => c.listPrivilegeGroups(), 'ListPrivilegeGroups'],
  ['addPrivilegesToGroup', (c) => c.addPrivilegesToGroup({ group_name: 'admin_test_group', privileges: ['Query'] }), 'OperatePrivilegeGroup'],
  ['removePrivilegesFromGroup', (c) => c.removePrivilegesFromGroup({ group_name: 'admin_test_group', privileges: ['Query'] }), 'OperatePrivilegeGroup'],
  ['backupRBAC', (c) => c.backupRBAC(), 'BackupRBAC'],
  ['restoreRBAC', (c) => c.restoreRBAC({ RBAC_meta: { users: [], roles: [], grants: [], privilege_groups: [] } }), 'RestoreRBAC'],
];

const cluster: Row[] = [
  ['createResourceGroup', (c) => c.createResourceGroup({ resource_group: 'admin_test_rg' }), 'CreateResourceGroup'],
  ['listResourceGroups', (c) => c.listResourceGroups(), 'ListResourceGroups'],
  ['describeResourceGroup', (c) => c.describeResourceGroup({ resource_group: '__default_resource_group' }), 'DescribeResourceGroup'],
  ['updateResourceGroups', (c) => c.updateResourceGroups({ resource_groups: { admin_test_rg: { limits: { node_num: 0 } } } }), 'UpdateResourceGroups'],
  ['dropResourceGroup', (c) => c.dropResourceGroup({ resource_group: 'admin_test_rg' }), 'DropResourceGroup'],
  ['transferReplica', (c) => c.transferReplica({ collection_name: collection, source_resource_group: '__default_resource_group', target_resource_group: 'x', num_replica: 1 }), 'TransferReplica'],
  ['transferNode', (c) => c.transferNode({ source_resource_group: '__default_resource_group', target_resource_group: 'x', num_node: 1 }), 'TransferNode'],
  ['updateReplicateConfiguration', (c) => c.updateReplicateConfiguration({ clusters: [] }), 'UpdateReplicateConfiguration'],
  ['getReplicateConfiguration', (c) => c.getReplicateConfiguration(), 'GetReplicateConfiguration'],
  ['getQuerySegmentInfo (loaded collection)', (c) => c.getQuerySegmentInfo({ collectionName: collection }), 'GetQuerySegmentInfo'],
  ['getPersistentSegmentInfo (flushed collection)', (c) => c.getPersistentSegmentInfo({ collectionName: collection }), 'GetPersistentSegmentInfo'],
  ['loadBalance', (c) => c.loadBalance({ src_nodeID: 1 }), 'LoadBalance'],
  ['getMetric', (c) => c.getMetric({ request: { metric_type: 'system_info' } }), 'GetMetrics'],
];

const data: Row[] = [
  ['bulkInsert', (c) => c.bulkInsert({ collection_name: collection, files: ['missing.json'] }), 'Import'],
  ['listImportTasks', (c) => c.listImportTasks({ collection_name: collection }), 'ListImportTasks'],
  ['getImportState', (c) => c.getImportState({ task: 1 }), 'GetImportState'],
  ['createSnapshot', (c) => c.createSnapshot({ collection_name: collection, snapshot_name: 'snap' }), 'CreateSnapshot'],
  ['listSnapshots', (c) => c.listSnapshots({ collection_name: collection }), 'ListSnapshots'],
  ['describeSnapshot', (c) => c.describeSnapshot({ collection_name: collection, snapshot_name: 'snap' }), 'DescribeSnapshot'],
  ['pinSnapshotData', (c) => c.pinSnapshotData({ collection_name: collection, snapshot_name: 'snap' }), 'PinSnapshotData'],
  ['unpinSnapshotData', (c) => c.unpinSnapshotData({ pin_id: 1 }), 'UnpinSnapshotData'],
  ['restoreSnapshot', (c) => c.restoreSnapshot({ snapshot_name: 'snap', source_collection_name: collection, target_collection_name: `${collection}_copy` }), 'RestoreSnapshot'],
  ['getRestoreSnapshotState', (c) => c.getRestoreSnapshotState({ job_id: 1 }), 'GetRestoreSnapshotState'],
  ['listRestoreSnapshotJobs', (c) => c.listRestoreSnapshotJobs(), 'ListRestoreSnapshotJobs'],
  ['dropSnapshot', (c) => c.dropSnapshot({ collection_name: collection, snapshot_name: 'snap' }), 'DropSnapshot'],
  ['refreshExternalCollection', (c) => c.refreshExternalCollection({ collection_name: collection }), 'RefreshExternalCollection'],
  ['getRefreshExternalCollectionProgress', (c) => c.getRefreshExternalCollectionProgress({ job_id: 1 }), 'GetRefreshExternalCollectionProgress'],
  ['listRefreshExternalCollectionJobs', (c) => c.listRefreshExternalCollectionJobs(), 'ListRefreshExternalCollectionJobs'],
  ['addFileResource', (c) => c.addFileResource({ name: 'dict', path: '/nonexistent/dict.txt' }), 'AddFileResource'],
  ['listFileResources', (c) => c.listFileResources(), 'ListFileResources'],
  ['removeFileResource', (c) => c.removeFileResource({ name: 'dict' }), 'RemoveFileResource'],
];

/** The status of a response: its `status`, or the response itself for calls that return a bare status. */
const statusOf = (res: unknown) => ((res as { status?: unknown }).status ?? res) as Record<string, unknown>;

describe('Milvus Lite answers UNIMPLEMENTED: a failed status naming the RPC, as data', () => {
  test.each([...rbac, ...cluster, ...data])('%s', async (_label, call, rpc) => {
    const status = statusOf(await call(client));
    expect(status).toMatchObject({ error_code: 'UnexpectedError', code: 10 });
    expect(status.reason).toContain(rpc);
    expect(status.reason).toContain('UNIMPLEMENTED');
  });

  test('the answers carry every field at its default (the SDK shape)', async () => {
    expect((await client.listUsers()).usernames).toEqual([]);
    expect(await client.hasRole({ roleName: 'admin' })).toMatchObject({ hasRole: false, status: { code: 10 } });
    expect((await client.listSnapshots({ collection_name: collection })).snapshots).toEqual([]);
    expect((await client.getQuerySegmentInfo({ collectionName: collection })).infos).toEqual([]);
    expect((await client.listImportTasks({ collection_name: collection })).tasks).toEqual([]);
    expect((await client.getMetric({ request: { metric_type: 'system_info' } })).response).toEqual({});
    expect((await client.describeResourceGroup({ resource_group: '__default_resource_group' })).resource_group).toBeNull();
  });

  test('dropAllRoles and dropAllResourceGroups find nothing to drop', async () => {
    await expect(client.dropAllRoles()).resolves.toEqual([]);
    await expect(client.dropAllResourceGroups()).resolves.toEqual([]);
  });

  test('the collection used above is really there and serves data (the refusals are not about it)', async () => {
    const res = await client.query({ collection_name: collection, filter: 'id > 0', output_fields: ['id'] });
    expect(res.data.map((r) => r.id).sort()).toEqual(['1', '2']);
  });
});
