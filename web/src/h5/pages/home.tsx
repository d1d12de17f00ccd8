import { Image, List, NoticeBar } from "antd-mobile";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { DayTabs, dayOf } from "../day-tabs";
import { t } from "../i18n";
import { Retry } from "../retry";
import { useFilms, useShowtimes } from "../shows";
import { useSite } from "../site-context";

/** The cinema's home: its notice, the days, and the films on sale that day with their posters. */
export default function Home() {
  const site = useSite();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const day = dayOf(search);
  const films = useFilms();
  const shows = useShowtimes(day);
  const counts = new Map<string, number>();
  for (const s of shows.data?.items ?? []) counts.set(s.filmId, (counts.get(s.filmId) ?? 0) + 1);
  const onDay = (films.data?.items ?? []).filter((f) => counts.has(f.id));

  return (
    <div>
      <header
        style={{
          background: site.themeColor,
          color: "#fff",
          padding: "14px 16px",
          display: "flex",
          alignItems: "center",
          gap: 10,
        }}
      >
        {site.logoUrl && <img src={site.logoUrl} alt="" width={32} height={32} style={{ borderRadius: 6 }} />}
        <div style={{ flex: 1 }}>
          <div style={{ fontSize: 18, fontWeight: 600 }}>{site.name}</div>
          <div style={{ fontSize: 12, opacity: 0.9 }}>{site.address}</div>
        </div>
        <Link to="/orders" style={{ color: "#fff", fontSize: 14 }} data-testid="my-orders">
          {t("myOrders")}
        </Link>
      </header>
      {site.notice && <NoticeBar content={site.notice} color="alert" />}
      <DayTabs day={day} onChange={(d) => setSearch({ date: d })} />
      {films.isError || shows.isError ? (
        <Retry
          onRetry={() => {
            void films.refetch();
            void shows.refetch();
          }}
        />
      ) : (
        <List>
          {onDay.map((f) => (
            <List.Item
              key={f.id}
              data-testid={`film-${f.id}`}
              onClick={() => navigate(`/films/${f.id}?date=${day}`)}
              prefix={
                <Image
                  src={f.poster ?? ""}
                  width={64}
                  height={90}
                  fit="cover"
                  lazy
                  style={{ borderRadius: 4 }}
                  alt=""
                />
              }
              description={`${f.versions.join(" / ")}${f.durationMinutes ? ` · ${f.durationMinutes}${t("minutes")}` : ""}`}
              extra={`${counts.get(f.id)}`}
              arrowIcon
            >
              {f.title}
            </List.Item>
          ))}
          {!films.isPending && !shows.isPending && onDay.length === 0 && <List.Item>{t("noShowtimes")}</List.Item>}
        </List>
      )}
    </div>
  );
}
