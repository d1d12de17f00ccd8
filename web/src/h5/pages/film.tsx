import { List, NavBar, Tag } from "antd-mobile";
import { useNavigate, useParams, useSearchParams } from "react-router-dom";
import { hhmm, yuan } from "../api";
import { DayTabs, dayOf } from "../day-tabs";
import { t } from "../i18n";
import { Retry } from "../retry";
import { useFilms, useShowtimes } from "../shows";

/** One film's showtimes by day: time, end, hall, version and language, price, or why not on sale. */
export default function FilmPage() {
  const { filmId = "" } = useParams();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const day = dayOf(search);
  const films = useFilms();
  const shows = useShowtimes(day, filmId);
  const film = films.data?.items.find((f) => f.id === filmId);
  const now = Date.now();

  return (
    <div>
      <NavBar onBack={() => navigate(`/?date=${day}`)}>{film?.title ?? ""}</NavBar>
      <DayTabs day={day} onChange={(d) => setSearch({ date: d })} />
      {shows.isError ? (
        <Retry onRetry={() => void shows.refetch()} />
      ) : (
        <List>
          {(shows.data?.items ?? []).map((s) => {
            const closed = new Date(s.stopSellingAt).getTime() <= now;
            const off = closed || !s.onSale;
            return (
              <List.Item
                key={s.id}
                data-testid={`showtime-${s.id}`}
                disabled={off}
                onClick={off ? undefined : () => navigate(`/showtimes/${s.id}`)}
                description={`${s.endsAt ? `${hhmm(s.endsAt)} ${t("ends")} · ` : ""}${s.hallName} · ${s.language} ${s.version}`}
                extra={
                  off ? (
                    <Tag color="default">{closed ? t("stopped") : t("soldOut")}</Tag>
                  ) : (
                    <span style={{ color: "var(--adm-color-primary)", fontWeight: 600 }}>
                      {yuan(s.price.saleFen + s.price.serviceFeeFen)}
                    </span>
                  )
                }
              >
                <span style={{ fontSize: 20, fontWeight: 600 }}>{hhmm(s.startsAt)}</span>
              </List.Item>
            );
          })}
          {!shows.isPending && (shows.data?.items.length ?? 0) === 0 && <List.Item>{t("noShowtimes")}</List.Item>}
        </List>
      )}
    </div>
  );
}
