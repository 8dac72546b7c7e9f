/**
 * Resource groups (which query nodes serve which replicas) and cross-cluster replication settings: thin
 * RPCs, as in the SDK, plus `dropAllResourceGroups`, which hands nodes back to the default group first.
 */
import { DEFAULT_RESOURCE_GROUP } from '../../constants.js';
import { InvalidInputError } from '../../errors.js';
import type { Int64 } from '../int64.js';
import type { MilvusClient } from '../milvus-client.js';
import type { GrpcTimeOut, KeyValuePair, ResStatus, collectionNameReq, resStatusResponse } from '../types.js';
import { rpc } from './common.js';

/** How a resource group asks for nodes and where surplus or missing nodes go. */
export type ResourceGroupConfig = {
  /** Nodes the group wants; missing ones are taken from other groups. */
  requests?: { node_num: number };
  /** The most nodes the group keeps; extra ones go to other groups. */
  limits?: { node_num: number };
  /** Groups to take missing nodes from first. */
  transfer_from?: { resource_group: string }[];
  /** Groups to give extra nodes to first. */
  transfer_to?: { resource_group: string }[];
  /** Labels a node must carry to join the group. */
  node_filter?: { node_labels: KeyValuePair[] };
};
/** A query node of a resource group (`node_id` exact: text, or a bigint with `int64: 'bigint'`). */
export type NodeInfo = { node_id: Int64; address: string; hostname: string };
export type ResourceGroup = {
  name: string;
  capacity: number;
  num_available_node: number;
  num_loaded_replica: { [collection: string]: number };
  num_outgoing_node: { [collection: string]: number };
  num_incoming_node: { [collection: string]: number };
  config?: ResourceGroupConfig;
  nodes?: NodeInfo[];
};
interface BaseResourceGroupReq extends GrpcTimeOut {
  resource_group: string;
}
export interface CreateResourceGroupReq extends BaseResourceGroupReq {
  config?: ResourceGroupConfig;
}
export interface DescribeResourceGroupsReq extends BaseResourceGroupReq {}
/** New configurations by resource group name (the SDK's spelling of the name kept). */
export interface UpdateRresourceGroupReq extends GrpcTimeOut {
  resource_groups: { [name: string]: ResourceGroupConfig };
}
export interface DropResourceGroupsReq extends BaseResourceGroupReq {}
export interface TransferNodeReq extends GrpcTimeOut {
  source_resource_group: string;
  target_resource_group: string;
  num_node: number;
}
export interface TransferReplicaReq extends collectionNameReq {
  source_resource_group: string;
  target_resource_group: string;
  num_replica: number;
}
export interface ListResourceGroupsResponse extends resStatusResponse {
  resource_groups: string[];
}
export interface DescribeResourceGroupResponse extends resStatusResponse {
  resource_group: ResourceGroup;
}
export interface ReplicateConnectionParam {
  uri: string;
  token?: string;
}
export interface ReplicateCluster {
  cluster_id: string;
  connection_param: ReplicateConnectionParam;
  pchannels?: string[];
}
export interface CrossClusterTopology {
  source_cluster_id: string;
  target_cluster_id: string;
}
export interface ReplicateConfiguration {
  clusters: ReplicateCluster[];
  cross_cluster_topology?: CrossClusterTopology[];
}
export interface UpdateReplicateConfigurationReq extends GrpcTimeOut {
  clusters: ReplicateCluster[];
  cross_cluster_topology?: CrossClusterTopology[];
  force_promote?: boolean;
}
export interface GetReplicateConfigurationReq extends GrpcTimeOut {}
export interface GetReplicateConfigurationResponse extends resStatusResponse {
  configuration: ReplicateConfiguration;
}

export const resourceMethods = {
  /** Creates a resource group, with an optional configuration. */
  async createResourceGroup(this: MilvusClient, data: CreateResourceGroupReq): Promise<ResStatus> {
    return rpc(this, 'CreateResourceGroup', { resource_group: data.resource_group, config: data.config }, data);
  },

  /** The names of all resource groups: `resource_groups`. */
  async listResourceGroups(this: MilvusClient, data?: GrpcTimeOut): Promise<ListResourceGroupsResponse> {
    return rpc(this, 'ListResourceGroups', {}, data);
  },

  /** A resource group's capacity, nodes, replicas and configuration: `resource_group`. */
  async describeResourceGroup(this: MilvusClient, data: DescribeResourceGroupsReq): Promise<DescribeResourceGroupResponse> {
    return rpc(this, 'DescribeResourceGroup', { resource_group: data.resource_group }, data);
  },

  /** Replaces the configuration of resource groups, by name. */
  async updateResourceGroups(this: MilvusClient, data: UpdateRresourceGroupReq): Promise<ResStatus> {
    return rpc(this, 'UpdateResourceGroups', { resource_groups: data.resource_groups }, data);
  },

  /** Drops a resource group (the server refuses while it holds nodes or replicas). */
  async dropResourceGroup(this: MilvusClient, data: DropResourceGroupsReq): Promise<ResStatus> {
    return rpc(this, 'DropResourceGroup', { resource_group: data.resource_group }, data);
  },

  /** Moves replicas of a loaded collection from one resource group to another. */
  async transferReplica(this: MilvusClient, data: TransferReplicaReq): Promise<ResStatus> {
    const { timeout: _timeout, ...request } = data;
    return rpc(this, 'TransferReplica', request, data);
  },

  /** Moves query nodes from one resource group to another. */
  async transferNode(this: MilvusClient, data: TransferNodeReq): Promise<ResStatus> {
    const { source_resource_group, target_resource_group, num_node } = data;
    return rpc(this, 'TransferNode', { source_resource_group, target_resource_group, num_node }, data);
  },

  /**
   * Drops every resource group but the default one, first moving their nodes back to it; resolves to
   * the `DropResourceGroup` statuses in list order.
   */
  async dropAllResourceGroups(this: MilvusClient, data?: GrpcTimeOut): Promise<ResStatus[]> {
    const call = data?.timeout === undefined ? {} : { timeout: data.timeout };
    const { resource_groups } = await this.listResourceGroups(call);
    const statuses: ResStatus[] = [];
    for (const name of resource_groups) {
      if (name === DEFAULT_RESOURCE_GROUP) continue;
      const detail = await this.describeResourceGroup({ resource_group: name, ...call });
      const capacity = detail.resource_group?.capacity ?? 0;
      if (capacity > 0) {
        await this.transferNode({ source_resource_group: name, target_resource_group: DEFAULT_RESOURCE_GROUP, num_node: capacity, ...call });
      }
      statuses.push(await this.dropResourceGroup({ resource_group: name, ...call }));
    }
    return statuses;
  },

  /** Sets the cross-cluster replication topology. Throws unless `clusters` is given. */
  async updateReplicateConfiguration(this: MilvusClient, data: UpdateReplicateConfigurationReq): Promise<ResStatus> {
    if (!data?.clusters) throw new InvalidInputError('The `clusters` property is missing.', { field: 'clusters' });
    return rpc(this, 'UpdateReplicateConfiguration', {
      replicate_configuration: { clusters: data.clusters, cross_cluster_topology: data.cross_cluster_topology ?? [] },
      force_promote: data.force_promote ?? false,
    }, data);
  },

  /** Same as `updateReplicateConfiguration` (the SDK's snake_case alias). */
  async update_replicate_configuration(this: MilvusClient, data: UpdateReplicateConfigurationReq): Promise<ResStatus> {
    return this.updateReplicateConfiguration(data);
  },

  /** The cross-cluster replication topology: `configuration`. */
  async getReplicateConfiguration(this: MilvusClient, data: GetReplicateConfigurationReq = {}): Promise<GetReplicateConfigurationResponse> {
    return rpc(this, 'GetReplicateConfiguration', {}, data);
  },

  /** Same as `getReplicateConfiguration` (the SDK's snake_case alias). */
  async get_replicate_configuration(this: MilvusClient, data: GetReplicateConfigurationReq = {}): Promise<GetReplicateConfigurationResponse> {
    return this.getReplicateConfiguration(data);
  },
};
