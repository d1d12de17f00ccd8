import { SearchOutlined } from "@ant-design/icons";
import { Button, Form, Input, Select, Space, type TablePaginationConfig } from "antd";
import type { SetURLSearchParams } from "react-router-dom";
import { useLocale } from "../../locale";
import { useCinemaOptions } from "./cinema-options";

/** The shared pieces of the console's URL-driven search pages (orders, payments). */

/** "from – to" China calendar dates, as the form fields `from` and `to`. */
export function DateRangeItem({ label }: { label: string }) {
  return (
    <Form.Item label={label}>
      <Space.Compact>
        <Form.Item name="from" noStyle>
          <Input type="date" style={{ width: 150 }} aria-label="from" />
        </Form.Item>
        <Form.Item name="to" noStyle>
          <Input type="date" style={{ width: 150 }} aria-label="to" />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}

/** Search (submits the form) and clear (empties the form and the URL). */
export function SearchActions({ onReset }: { onReset(): void }) {
  const { t } = useLocale();
  return (
    <Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
          {t("orders.search.submit")}
        </Button>
        <Button onClick={onReset}>{t("orders.search.reset")}</Button>
      </Space>
    </Form.Item>
  );
}

/** A results table's pager, 20 a page, whose page lives in the URL with the filters. */
export function urlPagination(
  data: { page: number; total: number } | undefined,
  params: URLSearchParams,
  setParams: SetURLSearchParams,
  totalText: (n: number) => string,
): TablePaginationConfig {
  return {
    current: data?.page ?? 1,
    pageSize: 20,
    total: data?.total ?? 0,
    showSizeChanger: false,
    showTotal: totalText,
    onChange: (page) => {
      const next = new URLSearchParams(params);
      next.set("page", String(page));
      setParams(next);
    },
  };
}

/** The cinema filter (form field `cinemaId`): the cinemas this user may see, searchable by name. */
export function CinemaSelectItem() {
  const { t } = useLocale();
  const cinemas = useCinemaOptions();
  return (
    <Form.Item name="cinemaId">
      <Select
        allowClear
        showSearch
        optionFilterProp="label"
        placeholder={t("orders.filter.cinema")}
        style={{ width: 200 }}
        options={cinemas.map((c) => ({ value: c.id, label: c.name }))}
      />
    </Form.Item>
  );
}
