/**
 * Where 火烈鸟 v1.5 departs from the plain 2013 national standard (public-refs §6.2): the same
 * envelope and documents, but some operations renamed with its `D` prefix or its own name, and
 * operations the standard does not have. A future vendor that speaks the plain standard uses
 * STANDARD_OPS with the same client and mapping.
 */
export interface OperationNames {
  querySession: string;
  submitOrder: string;
  queryPrint: string;
}

/** The plain standard (CEC `STD("国标2013")`; NS `NationalStandardService` WSDL). */
export const STANDARD_OPS: OperationNames = {
  querySession: "QuerySession",
  submitOrder: "SubmitOrder",
  queryPrint: "QueryPrint",
};

/** 火烈鸟 1.5's names for the same operations (CEC `access/ticket/ng`). */
export const HUOLIENIAO_OPS: OperationNames = {
  querySession: "DQuerySession",
  submitOrder: "SubmitSCTSOrder",
  queryPrint: "DQueryTakeTicketInfo",
};

/**
 * 火烈鸟-only operations with no standard counterpart: a sale paid by member card
 * (DMemberSubmitOrder, with the member API's MemberPayOrderCode) and marking tickets taken
 * (DTakeTicketConfirm).
 */
export const HUOLIENIAO_ONLY = {
  memberSubmitOrder: "DMemberSubmitOrder",
  takeTicketConfirm: "DTakeTicketConfirm",
} as const;

/**
 * 火烈鸟's extra fields on standard operations: SubmitSCTSOrder's ChannelId / ChannelName and the
 * per-seat PayPrice (settle price) beside Price (sale price).
 */
export const CHANNEL = { id: "ChannelId", name: "ChannelName" } as const;
