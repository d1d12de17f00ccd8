import { describe, expect, it } from "vitest";
import { harnessPerTest, W } from "./fixture.js";

const h = harnessPerTest();

describe("connectapitoken", () => {
  it("rejects a missing or wrong token with HTTP 401 on every service", async () => {
    for (const path of [
      `${W}/OData.svc/Cinemas?$format=json`,
      `${W}/RESTData.svc/cinemas/0200/sessions/10001/tickets`,
    ]) {
      const res = await h.get(path, "wrong-token");
      expect(res.statusCode).toBe(401);
      expect(res.json().Message).toMatch(/Authorization has been denied/);
    }
    const res = await h.post(`${W}/RestTicketing.svc/order`, { UserSessionId: "x" }, "");
    expect(res.statusCode).toBe(401);
  });
});

describe("OData.Cinemas", () => {
  it("lists only vista cinemas with ID = internal code and CinemaNationalId = national code", async () => {
    const res = await h.get(`${W}/OData.svc/Cinemas?$format=json`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body["odata.metadata"]).toContain("$metadata#Cinemas");
    expect(body.value.map((c: { ID: string }) => c.ID)).toEqual(["0200", "0300"]);
    expect(body.value[0]).toMatchObject({
      CinemaNationalId: "31071201",
      City: "上海",
      EmailAddress: null,
      DisplaySofaSeats: true,
    });
  });

  it("applies $select and $filter", async () => {
    const res = await h.get(
      `${W}/OData.svc/Cinemas?$format=json&$select=ID,CinemaNationalId,Name,PhoneNumber,EmailAddress,City&$filter=ID%20eq%20%270300%27`,
    );
    const body = res.json();
    expect(body.value).toHaveLength(1);
    expect(Object.keys(body.value[0]).sort()).toEqual([
      "CinemaNationalId",
      "City",
      "EmailAddress",
      "ID",
      "Name",
      "PhoneNumber",
    ]);
    expect(body.value[0].ID).toBe("0300");
  });

  it("is case-sensitive after the .svc and answers 400 for unknown $select properties", async () => {
    expect((await h.get(`${W}/OData.svc/cinemas?$format=json`)).statusCode).toBe(404);
    expect((await h.get(`/wsvistawebclient/odata.svc/Cinemas()?$format=json`)).statusCode).toBe(200);
    const bad = await h.get(`${W}/OData.svc/Cinemas?$format=json&$select=city`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()["odata.error"].message.value).toMatch(/city/);
  });
});

describe("OData.Sessions", () => {
  it("filters by CinemaId and Showtime datetime range as in the document's example", async () => {
    const res = await h.get(
      `${W}/OData.svc/Sessions()?$format=json&$filter=CinemaId%20eq%20%270200%27%20and%20Showtime%20gt%20datetime%272026-03-01%27%20and%20Showtime%20lt%20datetime%272026-03-02%27&$select=SessionId,ScheduledFilmId,Showtime`,
    );
    expect(res.statusCode).toBe(200);
    const value = res.json().value;
    expect(value).toEqual([
      { SessionId: "10001", ScheduledFilmId: "HO00000001", Showtime: "2026-03-01T13:00:00" },
      { SessionId: "10002", ScheduledFilmId: "HO00000002", Showtime: "2026-03-01T10:10:00" },
      { SessionId: "10003", ScheduledFilmId: "HO00000001", Showtime: "2026-03-01T15:00:00" },
    ]);
  });

  it("omits Attributes unless expanded", async () => {
    const plain = (await h.get(`${W}/OData.svc/Sessions?$format=json&$filter=SessionId eq '10001'`)).json().value[0];
    expect(plain.Attributes).toBeUndefined();
    expect(plain).toMatchObject({ CinemaId: "0200", ScreenName: "1号厅", ScreenNumber: 1 });
    const expanded = (
      await h.get(`${W}/OData.svc/Sessions?$format=json&$filter=SessionId eq '10001'&$expand=Attributes`)
    ).json().value[0];
    expect(expanded.Attributes.map((a: { Description: string }) => a.Description)).toEqual(["3D", "国语"]);
  });

  it("returns nothing for cinemas in hideShowtimesFor", async () => {
    h.ctx.faults.update({ hideShowtimesFor: ["0200"] });
    const value = (await h.get(`${W}/OData.svc/Sessions?$format=json`)).json().value;
    expect(value.map((s: { CinemaId: string }) => s.CinemaId)).toEqual(["0300"]);
    const films = (await h.get(`${W}/OData.svc/GetNowShowingScheduledFilms?$format=json&cinemaId=%270200%27`)).json()
      .value;
    expect(films).toEqual([]);
  });
});

describe("OData.GetNowShowingScheduledFilms", () => {
  it("serves the document's request: cinemaId parameter, $expand=Sessions/Attributes and nested $select", async () => {
    const res = await h.get(
      `${W}/OData.svc/GetNowShowingScheduledFilms?$format=json&cinemaId=%270200%27&$expand=Sessions/Attributes&$select=ScheduledFilmId,Title,RunTime,ShortCode,Sessions/SessionId,Sessions/Showtime,Sessions/Attributes/Description,Sessions/ScreenNumber,Sessions/ScreenName`,
    );
    expect(res.statusCode).toBe(200);
    const films = res.json().value;
    const f1 = films.find((f: { ScheduledFilmId: string }) => f.ScheduledFilmId === "HO00000001");
    expect(f1).toEqual({
      ScheduledFilmId: "HO00000001",
      Title: "一万年以后",
      ShortCode: "001200472015",
      RunTime: "97",
      Sessions: [
        {
          SessionId: "10001",
          Showtime: "2026-03-01T13:00:00",
          ScreenName: "1号厅",
          ScreenNumber: 1,
          Attributes: [{ Description: "3D" }, { Description: "国语" }],
        },
        {
          SessionId: "10003",
          Showtime: "2026-03-01T15:00:00",
          ScreenName: "1号厅",
          ScreenNumber: 1,
          Attributes: [{ Description: "3D" }, { Description: "国语" }],
        },
      ],
    });
  });

  it("leaves Sessions out without $expand and drops sessions that have started", async () => {
    h.clock.advance(4 * 3600_000);
    const films = (await h.get(`${W}/OData.svc/GetNowShowingScheduledFilms?$format=json&cinemaId=0200`)).json().value;
    expect(films.map((f: { ScheduledFilmId: string }) => f.ScheduledFilmId)).toEqual(["HO00000001"]);
    expect(films[0].Sessions).toBeUndefined();
    expect(films[0].Synopsis).toContain("导演");
  });
});
