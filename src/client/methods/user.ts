/**
 * Users and roles (RBAC): credentials, roles, who holds which role. Passwords travel base64-encoded, as
 * the SDK sends them. Grants and privilege groups are in `privilege.ts`.
 *
 * RBAC names the database a grant is about in the request body, so these calls never turn a `db_name`
 * into the `dbname` header: the header stays the client's current database, as with the SDK.
 */
import { OperateUserRoleType } from '../../constants.js';
import { ERROR_REASONS } from '../../error-reasons.js';
import { InvalidInputError } from '../../errors.js';
import type { MilvusClient } from '../milvus-client.js';
import type { GrpcTimeOut, ResStatus, resStatusResponse } from '../types.js';
import { rpc } from './common.js';
import { base64Utf8 } from '../options.js';

export interface usernameReq extends GrpcTimeOut {
  username: string;
}
export interface roleNameReq extends GrpcTimeOut {
  roleName: string;
}
export interface CreateUserReq extends usernameReq {
  password: string;
  description?: string;
}
export interface DeleteUserReq extends usernameReq {}
/** Either a new password (with the old one), a new description, or both. */
export interface UpdateUserReq extends usernameReq {
  oldPassword?: string;
  newPassword?: string;
  description?: string;
}
export interface ListUsersReq extends GrpcTimeOut {}
export interface CreateRoleReq extends roleNameReq {
  description?: string;
}
export interface AlterRoleReq extends roleNameReq {
  description: string;
}
export interface DropRoleReq extends roleNameReq {}
export interface HasRoleReq extends roleNameReq {}
export interface AddUserToRoleReq extends roleNameReq {
  username: string;
}
export interface RemoveUserFromRoleReq extends AddUserToRoleReq {}
export interface SelectRoleReq extends roleNameReq {
  /** Ignored, as by the SDK: users are always included. */
  includeUserInfo?: boolean;
}
export interface listRoleReq extends GrpcTimeOut {
  /** Ignored, as by the SDK: users are always included. */
  includeUserInfo?: boolean;
}
export interface SelectUserReq extends usernameReq {
  /** Ignored, as by the SDK: roles are always included. */
  includeRoleInfo?: boolean;
}
export interface ListCredUsersResponse extends resStatusResponse {
  usernames: string[];
}
export type RoleEntity = { name: string; description?: string };
export type User = { name: string };
export type RoleResult = { users: User[]; role: RoleEntity };
export type UserResult = { user: User; roles: RoleEntity[]; description?: string };
export interface SelectRoleResponse extends resStatusResponse {
  results: RoleResult[];
}
export interface SelectUserResponse extends resStatusResponse {
  results: UserResult[];
}
export interface HasRoleResponse extends resStatusResponse {
  hasRole: boolean;
}

/** Call options of an RBAC request: its `db_name`, if any, is about the grant, not the header. */
export const rbacCall = (data: GrpcTimeOut | undefined): GrpcTimeOut => ({ ...data, db_name: '' });


function userRequired(reason: string): never {
  throw new InvalidInputError(reason, { field: 'username' });
}

/** The UpdateCredential request: description and/or both passwords, encoded. */
function updateCredentialRequest(data: UpdateUserReq): Record<string, unknown> {
  const hasDescription = data?.description !== undefined;
  const hasPassword = data?.newPassword !== undefined;
  if (data?.username === undefined || (!hasDescription && !hasPassword) || (hasPassword && data.oldPassword === undefined)) {
    userRequired(ERROR_REASONS.USERNAME_PWD_ARE_REQUIRED);
  }
  const req: Record<string, unknown> = { username: data.username };
  if (hasDescription) req.description = data.description;
  if (hasPassword) {
    req.oldPassword = base64Utf8(data.oldPassword!);
    req.newPassword = base64Utf8(data.newPassword!);
  }
  return req;
}

export const userMethods = {
  /** Creates a user with a password (sent base64-encoded). Throws `USERNAME_PWD_ARE_REQUIRED` without both. */
  async createUser(this: MilvusClient, data: CreateUserReq): Promise<ResStatus> {
    if (data?.username === undefined || data.password === undefined) userRequired(ERROR_REASONS.USERNAME_PWD_ARE_REQUIRED);
    return rpc(this, 'CreateCredential', { username: data.username, password: base64Utf8(data.password), description: data.description }, rbacCall(data));
  },

  /** Changes a user's password (the old one is required) and/or description. */
  async updateUser(this: MilvusClient, data: UpdateUserReq): Promise<ResStatus> {
    return rpc(this, 'UpdateCredential', updateCredentialRequest(data), rbacCall(data));
  },

  /** Same as `updateUser`. */
  async updatePassword(this: MilvusClient, data: UpdateUserReq): Promise<ResStatus> {
    return this.updateUser(data);
  },

  /** Deletes a user. Throws `USERNAME_IS_REQUIRED` without a username. */
  async deleteUser(this: MilvusClient, data: DeleteUserReq): Promise<ResStatus> {
    if (!data?.username) userRequired(ERROR_REASONS.USERNAME_IS_REQUIRED);
    return rpc(this, 'DeleteCredential', { username: data.username }, rbacCall(data));
  },

  /** Same as `deleteUser`. */
  async dropUser(this: MilvusClient, data: DeleteUserReq): Promise<ResStatus> {
    return this.deleteUser(data);
  },

  /** The names of all users: `usernames`. */
  async listUsers(this: MilvusClient, data?: ListUsersReq): Promise<ListCredUsersResponse> {
    return rpc(this, 'ListCredUsers', {}, rbacCall(data));
  },

  /** Creates a role, with an optional description. */
  async createRole(this: MilvusClient, data: CreateRoleReq): Promise<ResStatus> {
    return rpc(this, 'CreateRole', { entity: { name: data.roleName, description: data.description } }, rbacCall(data));
  },

  /** Changes a role's description. */
  async alterRole(this: MilvusClient, data: AlterRoleReq): Promise<ResStatus> {
    return rpc(this, 'AlterRole', { role_name: data.roleName, description: data.description }, rbacCall(data));
  },

  /** Drops a role (the server refuses while it holds grants). */
  async dropRole(this: MilvusClient, data: DropRoleReq): Promise<ResStatus> {
    return rpc(this, 'DropRole', { role_name: data.roleName }, rbacCall(data));
  },

  /** Gives a user a role. */
  async addUserToRole(this: MilvusClient, data: AddUserToRoleReq): Promise<ResStatus> {
    return rpc(this, 'OperateUserRole', { username: data.username, role_name: data.roleName, type: OperateUserRoleType.AddUserToRole }, rbacCall(data));
  },

  /** Same as `addUserToRole`. */
  async grantRole(this: MilvusClient, data: AddUserToRoleReq): Promise<ResStatus> {
    return this.addUserToRole(data);
  },

  /** Takes a role away from a user. */
  async removeUserFromRole(this: MilvusClient, data: RemoveUserFromRoleReq): Promise<ResStatus> {
    return rpc(this, 'OperateUserRole', { username: data.username, role_name: data.roleName, type: OperateUserRoleType.RemoveUserFromRole }, rbacCall(data));
  },

  /** Same as `removeUserFromRole`. */
  async revokeRole(this: MilvusClient, data: RemoveUserFromRoleReq): Promise<ResStatus> {
    return this.removeUserFromRole(data);
  },

  /** One role with the users holding it: `results[0].role`, `results[0].users`. */
  async describeRole(this: MilvusClient, data: SelectRoleReq): Promise<SelectRoleResponse> {
    return rpc(this, 'SelectRole', { role: { name: data.roleName }, include_user_info: true }, rbacCall(data));
  },

  /** Same as `describeRole`. */
  async selectRole(this: MilvusClient, data: SelectRoleReq): Promise<SelectRoleResponse> {
    return this.describeRole(data);
  },

  /** All roles, each with the users holding it. */
  async listRoles(this: MilvusClient, data?: listRoleReq): Promise<SelectRoleResponse> {
    return rpc(this, 'SelectRole', { include_user_info: true }, rbacCall(data));
  },

  /** One user with its roles: `results[0].user`, `results[0].roles`. */
  async describeUser(this: MilvusClient, data: SelectUserReq): Promise<SelectUserResponse> {
    return rpc(this, 'SelectUser', { user: { name: data.username }, include_role_info: true }, rbacCall(data));
  },

  /** Same as `describeUser`. */
  async selectUser(this: MilvusClient, data: SelectUserReq): Promise<SelectUserResponse> {
    return this.describeUser(data);
  },

  /** Whether a role exists: `{ status, hasRole }`, from the list of roles. */
  async hasRole(this: MilvusClient, data: HasRoleReq): Promise<HasRoleResponse> {
    const res = await this.listRoles(data?.timeout === undefined ? {} : { timeout: data.timeout });
    return { status: res.status, hasRole: res.results.some((r) => r.role?.name === data.roleName) };
  },
};
