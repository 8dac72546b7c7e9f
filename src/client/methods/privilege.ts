/**
 * Grants and privilege groups (RBAC): grant and revoke privileges (v1 by object, v2 by database and
 * collection), list grants, privilege groups, and backup/restore of all RBAC metadata. Users and roles are
 * in `user.ts`; like them, these calls keep the `dbname` header at the client's current database.
 */
import { OperatePrivilegeGroupType, OperatePrivilegeType, type CollectionPrivileges, type GlobalPrivileges, type RbacObjects, type UserPrivileges } from '../../constants.js';
import type { MilvusClient } from '../milvus-client.js';
import type { GrpcTimeOut, ResStatus, resStatusResponse } from '../types.js';
import { rpc } from './common.js';
import { rbacCall, type roleNameReq, type RoleEntity, type User } from './user.js';

/** A privilege by name (the SDK's enums, or any name the server knows, e.g. a privilege group). */
export type PrivilegesTypes = CollectionPrivileges | UserPrivileges | GlobalPrivileges | string;

export interface BaseGrantReq extends roleNameReq {
  /** The object type, e.g. `RbacObjects.Collection` (case-sensitive). */
  object: RbacObjects | string;
  /** The object's name, or `'*'`. */
  objectName: string;
  /** Used by `selectGrant` only; grant and revoke act on the client's current database, as in the SDK. */
  db_name?: string;
}
export interface OperateRolePrivilegeReq extends BaseGrantReq {
  privilegeName: PrivilegesTypes;
}
export interface SelectGrantReq extends BaseGrantReq {}
export interface ListGrantsReq extends roleNameReq {
  /** The database whose grants to list; `'*'` (all) when omitted. */
  db_name?: string;
}
export type ObjectEntity = { name: RbacObjects | string };
export type PrivilegeEntity = { name: PrivilegesTypes };
export type Grantor = { user: User; privilege: PrivilegeEntity };
export type GrantEntity = { role: RoleEntity; object: ObjectEntity; object_name: string; grantor: Grantor; db_name: string };
export interface SelectGrantResponse extends resStatusResponse {
  entities: GrantEntity[];
}
export interface OperatePrivilegeV2Request extends GrpcTimeOut {
  role: RoleEntity;
  grantor: Grantor;
  type: OperatePrivilegeType;
  db_name: string;
  collection_name: string;
}
export interface GrantPrivilegeV2Request extends GrpcTimeOut {
  role: string;
  privilege: PrivilegesTypes;
  /** A database name, or `'*'`. */
  db_name: string;
  /** A collection name, or `'*'`. */
  collection_name: string;
}
export interface RevokePrivilegeV2Request extends GrantPrivilegeV2Request {}
export interface CreatePrivilegeGroupReq extends GrpcTimeOut {
  group_name: string;
}
export interface DropPrivilegeGroupReq extends GrpcTimeOut {
  group_name: string;
}
export type PrivelegeGroup = { group_name: string; privileges: PrivilegeEntity[] };
export interface ListPrivilegeGroupsResponse extends resStatusResponse {
  privilege_groups: PrivelegeGroup[];
}
export interface OperatePrivilegeGroupReq extends GrpcTimeOut {
  group_name: string;
  privileges: PrivilegeEntity[];
  type: OperatePrivilegeGroupType;
}
export interface AddPrivilegesToGroupReq extends GrpcTimeOut {
  group_name: string;
  privileges: PrivilegesTypes[];
}
export interface RemovePrivilegesFromGroupReq extends AddPrivilegesToGroupReq {}
/** A user as RBAC backups hold it (`milvus.proto.milvus.UserInfo`). */
export type RBACUserInfo = { user: string; password: string; roles: RoleEntity[] };
/** All RBAC metadata, as `backupRBAC` returns it and `restoreRBAC` takes it. */
export type RBACMeta = { users: RBACUserInfo[]; roles: RoleEntity[]; grants: GrantEntity[]; privilege_groups: PrivelegeGroup[] };
export interface BackupRBACRequest extends GrpcTimeOut {}
export interface RestoreRBACRequest extends GrpcTimeOut {
  RBAC_meta: RBACMeta;
}
export interface BackupRBACResponse extends resStatusResponse {
  RBAC_meta: RBACMeta;
}

const operatePrivilege = (data: OperateRolePrivilegeReq, type: OperatePrivilegeType) => ({
  entity: { role: { name: data.roleName }, object: { name: data.object }, object_name: data.objectName, grantor: { privilege: { name: data.privilegeName } } },
  type,
});

const operatePrivilegeV2 = (data: GrantPrivilegeV2Request, type: OperatePrivilegeType) => ({
  role: { name: data.role }, grantor: { privilege: { name: data.privilege } }, type, db_name: data.db_name, collection_name: data.collection_name,
});

const operateGroup = (data: AddPrivilegesToGroupReq, type: OperatePrivilegeGroupType) => ({
  group_name: data.group_name, privileges: data.privileges.map((name) => ({ name })), type,
});

export const privilegeMethods = {
  /** Grants a role a privilege on an object (`object` type and `objectName`). */
  async grantPrivilege(this: MilvusClient, data: OperateRolePrivilegeReq): Promise<ResStatus> {
    return rpc(this, 'OperatePrivilege', operatePrivilege(data, OperatePrivilegeType.Grant), rbacCall(data));
  },

  /** Same as `grantPrivilege`. */
  async grantRolePrivilege(this: MilvusClient, data: OperateRolePrivilegeReq): Promise<ResStatus> {
    return this.grantPrivilege(data);
  },

  /** Revokes a privilege a role holds on an object. */
  async revokePrivilege(this: MilvusClient, data: OperateRolePrivilegeReq): Promise<ResStatus> {
    return rpc(this, 'OperatePrivilege', operatePrivilege(data, OperatePrivilegeType.Revoke), rbacCall(data));
  },

  /** Same as `revokePrivilege`. */
  async revokeRolePrivilege(this: MilvusClient, data: OperateRolePrivilegeReq): Promise<ResStatus> {
    return this.revokePrivilege(data);
  },

  /** The grants a role holds on one object: `entities`. */
  async selectGrant(this: MilvusClient, data: SelectGrantReq): Promise<SelectGrantResponse> {
    const entity: Record<string, unknown> = { role: { name: data.roleName }, object: { name: data.object }, object_name: data.objectName };
    if (data.db_name) entity.db_name = data.db_name;
    return rpc(this, 'SelectGrant', { entity }, rbacCall(data));
  },

  /** Same as `selectGrant`. */
  async listGrant(this: MilvusClient, data: SelectGrantReq): Promise<SelectGrantResponse> {
    return this.selectGrant(data);
  },

  /** All grants a role holds in a database (all databases by default): `entities`. */
  async listGrants(this: MilvusClient, data: ListGrantsReq): Promise<SelectGrantResponse> {
    return rpc(this, 'SelectGrant', { entity: { role: { name: data.roleName }, db_name: data.db_name || '*' } }, rbacCall(data));
  },

  /**
   * Revokes every grant of every role and drops the roles; resolves to the `DropRole` statuses in role
   * order. The built-in `admin` and `public` roles stay: the server refuses to drop them (their statuses
   * say so).
   */
  async dropAllRoles(this: MilvusClient, data?: GrpcTimeOut): Promise<ResStatus[]> {
    const call = data?.timeout === undefined ? {} : { timeout: data.timeout };
    const roles = await this.listRoles(call);
    const statuses: ResStatus[] = [];
    for (const { role } of roles.results) {
      const grants = await this.listGrants({ roleName: role.name, ...call });
      for (const g of grants.entities) {
        await this.revokeRolePrivilege({ roleName: g.role.name, object: g.object.name, objectName: g.object_name, privilegeName: g.grantor.privilege.name, ...call });
      }
      statuses.push(await this.dropRole({ roleName: role.name, ...call }));
    }
    return statuses;
  },

  /** Grants a role a privilege (or privilege group) on a database and collection (`'*'` for all). */
  grantPrivilegeV2(this: MilvusClient, data: GrantPrivilegeV2Request): Promise<ResStatus> {
    return rpc(this, 'OperatePrivilegeV2', operatePrivilegeV2(data, OperatePrivilegeType.Grant), rbacCall(data));
  },

  /** Revokes what `grantPrivilegeV2` granted. */
  revokePrivilegeV2(this: MilvusClient, data: RevokePrivilegeV2Request): Promise<ResStatus> {
    return rpc(this, 'OperatePrivilegeV2', operatePrivilegeV2(data, OperatePrivilegeType.Revoke), rbacCall(data));
  },

  /** Creates an empty privilege group. */
  async createPrivilegeGroup(this: MilvusClient, data: CreatePrivilegeGroupReq): Promise<ResStatus> {
    return rpc(this, 'CreatePrivilegeGroup', { group_name: data.group_name }, rbacCall(data));
  },

  /** Drops a privilege group. */
  async dropPrivilegeGroup(this: MilvusClient, data: DropPrivilegeGroupReq): Promise<ResStatus> {
    return rpc(this, 'DropPrivilegeGroup', { group_name: data.group_name }, rbacCall(data));
  },

  /** All privilege groups with their privileges: `privilege_groups`. */
  async listPrivilegeGroups(this: MilvusClient, data?: GrpcTimeOut): Promise<ListPrivilegeGroupsResponse> {
    return rpc(this, 'ListPrivilegeGroups', {}, rbacCall(data));
  },

  /** Adds privileges (by name) to a privilege group. */
  async addPrivilegesToGroup(this: MilvusClient, data: AddPrivilegesToGroupReq): Promise<ResStatus> {
    return rpc(this, 'OperatePrivilegeGroup', operateGroup(data, OperatePrivilegeGroupType.AddPrivilegesToGroup), rbacCall(data));
  },

  /** Removes privileges (by name) from a privilege group. */
  async removePrivilegesFromGroup(this: MilvusClient, data: RemovePrivilegesFromGroupReq): Promise<ResStatus> {
    return rpc(this, 'OperatePrivilegeGroup', operateGroup(data, OperatePrivilegeGroupType.RemovePrivilegesFromGroup), rbacCall(data));
  },

  /** All RBAC metadata (users, roles, grants, privilege groups): `RBAC_meta`. */
  async backupRBAC(this: MilvusClient, data?: BackupRBACRequest): Promise<BackupRBACResponse> {
    return rpc(this, 'BackupRBAC', {}, rbacCall(data));
  },

  /** Restores RBAC metadata taken with `backupRBAC`. */
  async restoreRBAC(this: MilvusClient, data: RestoreRBACRequest): Promise<ResStatus> {
    return rpc(this, 'RestoreRBAC', { RBAC_meta: data.RBAC_meta }, rbacCall(data));
  },
};
