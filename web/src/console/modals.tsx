import { useMutation } from "@tanstack/react-query";
import type { FormInstance } from "antd";
import { Modal, Typography } from "antd";
import type { ReactNode } from "react";
import { useLocale } from "./locale";

/**
 * A dialog's call: when it succeeds the form is cleared and the call forgotten (the dialog opens
 * fresh next time), and `onDone` gets the answer.
 */
export function useDialogMutation<V, R>(
  form: FormInstance<V>,
  mutationFn: (v: V) => Promise<R>,
  onDone: (r: R) => void,
) {
  const mutation = useMutation({
    mutationFn,
    onSuccess: (r: R) => {
      form.resetFields();
      mutation.reset();
      onDone(r);
    },
  });
  return mutation;
}

/**
 * A dialog whose OK submits its form (the console's create and edit dialogs): busy while the call
 * runs, its fields dropped when it closes.
 */
export function FormModal(props: {
  open: boolean;
  title: ReactNode;
  /** Default: 确定 / OK. */
  okText?: string;
  /** OK does something that cannot be taken back (a refund): a red button. */
  danger?: boolean;
  busy: boolean;
  form: FormInstance;
  onClose(): void;
  children: ReactNode;
}) {
  const { t } = useLocale();
  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.okText ?? t("common.ok")}
      okButtonProps={props.danger ? { danger: true } : undefined}
      cancelText={t("common.cancel")}
      confirmLoading={props.busy}
      onOk={() => props.form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {props.children}
    </Modal>
  );
}

/**
 * A secret the server shows once (a channel's signing secret, a new user's password): the note
 * says so, the value is there to copy, and closing the dialog forgets it.
 */
export function ShownOnceModal(props: {
  /** The secret; the dialog is open while there is one. */
  value: string | undefined;
  title: string;
  note: string;
  testId: string;
  onClose(): void;
}) {
  const { t } = useLocale();
  return (
    <Modal
      open={props.value !== undefined}
      title={props.title}
      onOk={props.onClose}
      onCancel={props.onClose}
      cancelButtonProps={{ style: { display: "none" } }}
      okText={t("common.ok")}
      destroyOnHidden
    >
      <Typography.Paragraph>{props.note}</Typography.Paragraph>
      <Typography.Text code copyable data-testid={props.testId}>
        {props.value}
      </Typography.Text>
    </Modal>
  );
}
