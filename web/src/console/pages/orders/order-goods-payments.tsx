import { Card, Descriptions, Table, Tag, Typography } from "antd";
import { useLocale } from "../../locale";
import { yuan } from "./status-tag";
import type { OrderDetail } from "./types";

type Order = OrderDetail["order"];
type Part = NonNullable<Order["paymentParts"]>[number];

/**
 * What the order holds besides seats and how it was paid (issue 16, the MCS order page): the
 * concession lines, how the seats were priced (channel rules or a member card's price), and each
 * part of a split confirm. A card shows by its last four digits — that is all the server sends.
 * Seat-only orders paid in one go have nothing to show here, so the card is left out for them.
 */
export function OrderGoodsPayments({ order }: { order: Order }) {
  const { t } = useLocale();
  const { goods, priceKind, memberCard, paymentParts } = order;
  if (goods.length === 0 && priceKind === "standard" && !memberCard && !paymentParts) return null;
  const goodsFen = goods.reduce((sum, g) => sum + g.saleFen * g.count, 0);
  return (
    <Card title={t("order.parts.title")} data-testid="order-goods-payments">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t("order.parts.priceKind")}>
          <Tag color={priceKind === "standard" ? "default" : "gold"} data-testid="price-kind">
            {t(`order.parts.priceKind.${priceKind}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t("order.parts.memberCard")}>
          <span data-testid="member-card">{memberCard?.cardNoMasked ?? t("order.none")}</span>
        </Descriptions.Item>
      </Descriptions>

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("order.parts.goods")}
      </Typography.Title>
      <Table
        data-testid="order-goods"
        rowKey="goodsId"
        size="small"
        pagination={false}
        dataSource={goods}
        locale={{ emptyText: t("order.parts.noGoods") }}
        columns={[
          {
            title: t("order.parts.goods.name"),
            dataIndex: "name",
            render: (name: string, g) => (
              <span>
                {name} {g.isPackage && <Tag>{t("order.parts.goods.package")}</Tag>}
              </span>
            ),
          },
          { title: t("order.parts.goods.count"), dataIndex: "count" },
          { title: t("order.parts.goods.unit"), dataIndex: "saleFen", render: (fen: number) => yuan(fen) },
          { title: t("order.parts.goods.line"), key: "line", render: (_: unknown, g) => yuan(g.saleFen * g.count) },
        ]}
        summary={() =>
          goods.length > 0 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>
                {t("order.parts.goods.total")}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1}>{yuan(goodsFen)}</Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("order.parts.payments")}
      </Typography.Title>
      {paymentParts ? (
        <Table
          data-testid="order-payment-parts"
          rowKey={(p) => `${p.method}:${p.tradeNo ?? p.cardNoMasked ?? ""}`}
          size="small"
          pagination={false}
          dataSource={paymentParts}
          columns={[
            {
              title: t("order.parts.method"),
              dataIndex: "method",
              render: (m: Part["method"]) => t(`order.parts.method.${m}`),
            },
            { title: t("order.parts.amount"), dataIndex: "amountFen", render: (fen: number) => yuan(fen) },
            {
              title: t("order.parts.reference"),
              key: "ref",
              render: (_: unknown, p) => p.cardNoMasked ?? p.tradeNo ?? "—",
            },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">{t("order.parts.single")}</Typography.Text>
      )}
    </Card>
  );
}
