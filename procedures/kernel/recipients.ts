/** Who a notice goes to; resolved to people by the notification activity when it is written. */
export type Recipient =
  | { kind: 'PERSON'; personId: string }
  /** The unit's head (units.head_id). */
  | { kind: 'UNIT_HEAD'; unitId: string }
  /** Every active person of the unit (head and staff). */
  | { kind: 'UNIT'; unitId: string }
  /** The unit's responsible leader (分管领导, units.leader_id). */
  | { kind: 'UNIT_LEADER'; unitId: string }
  /** Every active person with role OFFICE in the organisation. */
  | { kind: 'OFFICE'; orgId: string }
  /** Every active person with role GROUP (领导小组) in the organisation. */
  | { kind: 'GROUP'; orgId: string };
