export {
  DEFAULT_URCOOPA_API_KEY,
  startUrcoopaSandbox,
  URCOOPA_SERVICE_PATH,
  URCOOPA_WSDL_PATH,
  type UrcoopaSandbox,
  type UrcoopaSandboxOptions,
} from './urcoopa-sandbox';
export {
  REDACTED,
  URCOOPA_OPERATIONS,
  UrcoopaCallLog,
  type UrcoopaCall,
  type UrcoopaCallOutcome,
  type UrcoopaOperation,
} from './urcoopa-call-log';
export { UrcoopaFaults, type UrcoopaFault } from './urcoopa-faults';
export {
  receiveOrders,
  type ReceivedOrder,
  type UrcoopaOrder,
  type UrcoopaOrderLine,
} from './urcoopa-orders';
export { toUrcoopaJson } from './urcoopa-json';
