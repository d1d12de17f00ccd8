import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Card, Descriptions, Form, Input, Space, Table, Tag, Typography } from "antd";
import { apiGet } from "../../api";
import type { MessageKey } from "../../i18n";
import { useLocale } from "../../locale";
import { problemText } from "../../problem-text";
import { yuan } from "../orders/status-tag";
import type { Explain } from "./types";

/** 票价解释: for one showtime and channel, every rule considered (matched or not, why) and each step. */
export function PriceExplainPage() {
  const { t, lang } = useLocale();
  const explain = useMutation({
    mutationFn: (v: { showtimeId: string; channel: string }) =>
      apiGet<Explain>(
        `/admin/showtimes/${encodeURIComponent(v.showtimeId.trim())}/price-explain?channel=${encodeURIComponent(v.channel.trim())}`,
      ),
  });
  const e = explain.data;
  return (
    <Card title={t("menu.priceExplain")}>
      <Form
        layout="inline"
        onFinish={(v) => explain.mutate(v)}
        initialValues={{ channel: "demo" }}
        style={{ marginBottom: 16 }}
      >
        <Form.Item name="showtimeId" label={t("pricing.explain.showtimeId")} rules={[{ required: true }]}>
          <Input style={{ width: 260 }} data-testid="explain-showtime" />
        </Form.Item>
        <Form.Item name="channel" label={t("pricing.explain.channel")} rules={[{ required: true }]}>
          <Input style={{ width: 140 }} data-testid="explain-channel" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={explain.isPending}>
          {t("pricing.explain.run")}
        </Button>
      </Form>
      {explain.error && <Alert type="error" showIcon message={problemText(explain.error, t)} />}
      {e && (
        <Space direction="vertical" style={{ width: "100%" }} data-testid="explain-result">
          {!e.channelSells && <Alert type="warning" showIcon message={t("pricing.explain.notSold")} />}
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t("pricing.col.showtime")}>
              {e.showtime.cinemaName} · {e.showtime.filmTitle} · {e.showtime.hallName} ·{" "}
              {e.showtime.startsAt.slice(0, 16).replace("T", " ")}
            </Descriptions.Item>
            <Descriptions.Item label={t("pricing.price")}>
              <Typography.Text strong>
                {t("pricing.explain.result", {
                  sale: yuan(e.price.saleFen),
                  fee: yuan(e.price.serviceFeeFen),
                  floor: yuan(e.showtime.floorFen),
                })}
              </Typography.Text>{" "}
              {e.price.clamped && <Tag color="orange">{t("pricing.clamped")}</Tag>}
            </Descriptions.Item>
          </Descriptions>
          {!e.ruleId && <Alert type="info" message={t("pricing.explain.noRule")} />}
          <Typography.Title level={5}>{t("pricing.explain.rules")}</Typography.Title>
          <Table
            size="small"
            rowKey="ruleId"
            pagination={false}
            dataSource={e.considered}
            columns={[
              { title: t("pricing.name"), dataIndex: "name" },
              { title: t("pricing.specificity"), dataIndex: "specificity" },
              { title: t("pricing.priority"), dataIndex: "priority" },
              {
                title: "",
                key: "m",
                render: (_: unknown, c: Explain["considered"][number]) =>
                  c.chosen ? (
                    <Tag color="green">{t("pricing.explain.chosen")}</Tag>
                  ) : c.matched ? (
                    <Tag color="blue">{t("pricing.explain.matched")}</Tag>
                  ) : (
                    <span>
                      <Tag>{t("pricing.explain.notMatched")}</Tag> {c.reason?.[lang]}
                    </span>
                  ),
              },
            ]}
          />
          <Typography.Title level={5}>{t("pricing.explain.steps")}</Typography.Title>
          <Table
            size="small"
            rowKey={(s) => `${s.step}-${s.fen}-${s.note.en}`}
            pagination={false}
            dataSource={e.steps}
            columns={[
              { title: "", dataIndex: "step", render: (step: string) => t(`pricing.step.${step}` as MessageKey) },
              { title: "", dataIndex: "fen", render: (f: number) => yuan(f) },
              { title: "", key: "note", render: (_: unknown, s: Explain["steps"][number]) => s.note[lang] },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
