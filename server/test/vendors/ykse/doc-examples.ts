/**
 * Response examples of doc 002, as printed (JSON syntax repaired where the PDF conversion split
 * or truncated them; values untouched).
 */
const env = (api: string, biz: unknown) => ({ api, v: "1.0", retCode: "0", retMsg: "success", data: biz });

export const getCinemas = env("ykse.partner.cinema.getCinemas", {
  bizMsg: "操作成功",
  bizCode: "SUCCESS",
  dataList: [
    {
      cinemaLinkId: "58",
      city: "广州",
      cinemaId: "99999958",
      cityCode: "440100",
      name: "58 影院",
      hallCount: 1,
      refundBeforeTime: "60",
      refundLimitCount: "100",
      halls: [{ hallId: "1", name: "1 号厅", type: "N", seatCount: 195 }],
    },
    {
      cinemaLinkId: "56",
      city: "广州",
      cinemaId: "56565656",
      cityCode: "440100",
      name: "56 影院",
      hallCount: 1,
      halls: [{ hallId: "8", name: "10", type: "N", seatCount: 24 }],
    },
  ],
});

/** §4.2.5.2 — the two printed fragments joined into one schedule. */
export const schedule = {
  sessionCode: "6811601154D68ZH4",
  lowestPrice: "25.00",
  throughStatus: "N",
  standardPrice: "90.00",
  showDateTime: "2016-01-15 09:55:00",
  stopSellingTime: "2016-01-15 09:35:00",
  saleStatus: "Y",
  film: {
    filmCode: "051400832015",
    duration: 150,
    dimensional: "3D",
    size: "IMAX",
    name: "火星救援",
    language: "英语",
    shortName: "火星救援 (IMAX 3D)",
  },
  cinemaLinkId: "681",
  hallId: "14",
  scheduleKey: "E4CC50D800C27C7B52E75ABBCC1F3794",
  ticketFee: "0.00",
  feeType: "ticket",
  scheduleId: "18406",
  benefitCardPrices: [{ benefitPolicyCode: "2823", benefitPayPrice: "110.00", eachShowDiscountTickets: 2 }],
  areaSettlePrices: [{ name: "黄金区", settlePrice: "110.10" }],
};
export const getSchedules = env("ykse.partner.schedule.getSchedules", {
  bizMsg: "操作成功",
  bizCode: "SUCCESS",
  dataList: [schedule],
});

const seat = (section: string, col: string, x: number) => ({
  seatId: `${section}-1-${col}`,
  damage: "N",
  y: "1",
  columnId: col,
  x: String(x),
  type: "N",
  rowId: "1",
});
export const getSeats = env("ykse.partner.seat.getSeats", {
  data: {
    hallId: "1",
    cinemaLinkId: "681",
    seatPlanList: [
      {
        effectiveDate: "2015-11-14",
        sections: [
          {
            name: "普通区",
            sectionId: "0000000000000001",
            seats: [seat("0000000000000001", "01", 1), seat("0000000000000001", "02", 2)],
          },
          {
            name: "贵宾区",
            sectionId: "0000000000000002",
            seats: [seat("0000000000000002", "01", 1), seat("0000000000000002", "02", 2)],
          },
        ],
      },
    ],
  },
  bizCode: "SUCCESS",
  bizMsg: "操作成功",
});

/** §4.4.5.3 — printed without the outer envelope; wrapped here. */
export const getScheduleAreaSeats = env("ykse.partner.seat.getScheduleAreaSeats", {
  bizCode: "SUCCESS",
  bizMsg: "操作成功",
  data: {
    sectionAreas: [
      {
        sectionId: "00000000000000001",
        areaDetails: [
          { name: "黄金座副本", code: "A004", seats: [{ seatId: "00000000000000001-2-15" }] },
          { name: "黄金座副本", code: "A004", seats: [{ seatId: "00000000000000001-2-15" }] },
        ],
      },
      { sectionId: "00000000000000002", areaDetails: [] },
    ],
    cinemaLinkId: "206",
    scheduleId: "66799563",
    scheduleKey: "B07C86EA2949F822131AE216AC2AB21A",
  },
});

export const getScheduleSoldSeats = env("ykse.partner.seat.getScheduleSoldSeats", {
  data: {
    cinemaLinkId: "681",
    scheduleKey: "E4CC50D800C27C7B52E75ABBCC1F3794",
    sectionList: [
      {
        sectionId: "0000000000000001",
        seats: [{ seatId: "0000000000000001-2-02" }, { seatId: "0000000000000001-2-05" }],
      },
    ],
    scheduleId: "18406",
  },
  bizMsg: "操作成功",
  bizCode: "SUCCESS",
});

export const lockSeats = env("ykse.partner.seat.lockSeats", {
  data: {
    lockOrderId: "20160114XXX68100000031",
    outLockId: "14526106201238732837",
    seats: [{ seatId: "0000000000000001-2-04" }],
  },
  bizMsg: "操作成功",
  bizCode: "SUCCESS",
});

export const releaseSeats = env("ykse.partner.seat.releaseSeats", {
  data: { cinemaLinkId: "681", lockOrderId: "20160114XXX68100000032" },
  bizMsg: "操作成功",
  bizCode: "SUCCESS",
});

/** §5.3.5.2 — the two printed fragments joined. */
export const confirmOrder = env("ykse.partner.order.confirmOrder", {
  data: {
    tickets: [
      {
        ticketNo: "6811601140112256",
        columnId: "21",
        seatCode: "0000000000000037",
        seatId: "0000000000000001-2-21",
        sectionId: "0000000000000001",
        rowId: "2",
        serviceFee: "20.00",
      },
    ],
    orderId: "20160114XXX68100000033",
    confirmationId: "2016011541719556",
    bookingId: "6810160114002148",
  },
  bizMsg: "操作成功",
  bizCode: "SUCCESS",
});

/** §5.6.5.2 (mixed order, multi-pay). */
export const confirmMixOrderForMultiPay = env("ykse.partner.order.confirmMixOrderForMultiPay", {
  data: {
    tickets: [
      {
        ticketNo: "6811601140112320",
        columnId: "22",
        seatCode: "0000000000004312",
        seatId: "0000000000000001-3-22",
        sectionId: "0000000000000001",
        rowId: "3",
        serviceFee: "20.00",
      },
    ],
    orderId: "20160114XXX68100000109",
    confirmationId: "2016011538739620",
    bookingId: "6810160114002212",
    goodsOrder: {
      holdId: "681120160114180594",
      totalGoodsPrice: "11.50",
      pickUpCode: "5251",
      totalGoodsFee: "0",
      goods: [{ count: 1, salePrice: "11.50", name: "A 圣诞巧克力 (热饮)", isPackage: false, goodsId: 4322 }],
    },
  },
  bizMsg: "操作成功",
  bizCode: "SUCCESS",
});

/** §5.7.5.2 (status wait_ticket as printed). */
export const orderInfoData = {
  filmCode: "051400832015",
  tickets: [
    {
      ticketPrice: "99.00",
      ticketNo: "6811601140112320",
      printStatus: "N",
      columnId: "22",
      seatCode: "0000000000004312",
      ticketFee: "9.90",
      refundStatus: "N",
      sectionId: "0000000000000001",
      rowId: "3",
      serviceFee: "20.00",
    },
  ],
  hallId: "14",
  orderId: "20160114XXX68100000109",
  showDateTime: "2016-01-15 09:55:00",
  confirmationId: "2016011538739620",
  shortName: "火星救援 (IMAX 3D)",
  goodsOrder: {
    pickUpCode: "5251",
    totalGoodsFee: "0.00",
    goods: [{ count: 1, salePrice: "11.50", name: "A 圣诞巧克力 (热饮)", isPackage: false, goodsId: 4322 }],
    holdId: "681120160114180594",
  },
  bookingId: "6810160114002212",
  status: "wait_ticket",
};
export const getOrderInfo = (status = "wait_ticket") =>
  env("ykse.partner.order.getOrderInfo", {
    data: { ...orderInfoData, status },
    bizMsg: "操作成功",
    bizCode: "SUCCESS",
  });

export const getTicketInfo = env("ykse.partner.order.getTicketInfo", {
  data: {
    filmCode: "051400832015",
    tickets: [
      {
        ticketPrice: "99.00",
        printStatus: "N",
        columnId: "19",
        refundStatus: "N",
        sectionId: "0000000000000001",
        rowId: "2",
        sectionName: "普通区",
        ticketNo: "6811601140112257",
        ticketFee: "1.00",
        serviceFee: "20.00",
      },
    ],
    hallId: "14",
    printId: "6810160114002149",
    channelName: "粤科",
    showDateTime: "2016-01-15 09:55:00",
    hallName: "Super LS",
    shortName: "火星救援 (IMAX 3D)",
    confirmationId: "2016011555589557",
    bookingId: "6810160114002149",
    channelCode: "YKSE",
  },
  bizMsg: "操作成功",
  bizCode: "SUCCESS",
});

export const printTicket = env("ykse.partner.ticket.printTicket", {
  data: { cinemaLinkId: "681", printId: "6810160114002150" },
  bizMsg: "影票已经设置打印，无法重复打印",
  bizCode: "PRINT_TICKET_NOT_ALLOW",
});

export const getOrderPrintStatus = env("ykse.partner.ticket.getOrderPrintStatus", {
  data: { cinemaLinkId: "681", printId: "6810160114002150" },
  bizMsg: "影票可打印",
  bizCode: "PRINT_TICKET_ALLOW",
});

export const refundOrder = env("ykse.partner.order.refundOrder", {
  data: { cinemaLinkId: "681", orderId: "20160114XXX68100000037" },
  bizMsg: "操作成功",
  bizCode: "SUCCESS",
});

export const reverseOrder = env("ykse.partner.order.reverseOrder", {
  data: { cinemaLinkId: "7788", orderId: "20160727XX778800000044" },
  bizMsg: "操作成功",
  bizCode: "SUCCESS",
});

export const getGoods = env("ykse.partner.goods.getGoods", {
  data: {
    maxBuyCount: 10,
    cinemaLinkId: "681",
    goodsList: [
      {
        goodsId: 1728,
        name: "爆米花",
        isPackage: false,
        standardPrice: "10.00",
        settleprice: "10.00",
        goodsPicUrl: "http://ykse-test.oss-cn-hangzhou.aliyuncs.com/goods/service/9280000000010RYTFVGzq.png",
        desc: "爽口",
      },
    ],
  },
  bizMsg: "操作成功",
  bizCode: "SUCCESS",
});

export const getGoodsOrderInfo = env("ykse.partner.order.getGoodsOrderInfo", {
  data: {
    goodsOrderId: "16021706814125000102",
    totalGoodsPrice: "11.00",
    pickUpCode: "2575",
    totalGoodsFee: "0",
    goodsList: [{ salePrice: "11.00", goodsId: "80000000003", count: 1, name: "A 圣诞巧克力(热饮)", isPackage: false }],
    orderStatus: "goods success",
    holdId: "16021706814125000102",
  },
  bizMsg: "操作成功",
  bizCode: "SUCCESS",
});
