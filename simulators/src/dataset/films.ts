import type { Film } from "../core/dataset-types.js";
import { chinaDateString, DAY_MS } from "./china-time.js";
import type { Rng } from "./random.js";

interface FilmSeed {
  title: string;
  language: string;
  durationMinutes: number;
  versions: string[];
  director: string;
  cast: string;
  /** Days before the data set's first business day the film opened (negative = opens later). */
  releasedDaysAgo: number;
  /** Relative share of showtimes. */
  weight: number;
}

/** A fictional but plausible now-showing line-up: Chinese and imported titles, some with 3D/IMAX prints. */
const filmSeeds: readonly FilmSeed[] = [
  {
    title: "星河守望者",
    language: "国语",
    durationMinutes: 138,
    versions: ["2D", "3D", "IMAX"],
    director: "郭帆远",
    cast: "吴京辉,刘德明,李雪健",
    releasedDaysAgo: 10,
    weight: 9,
  },
  {
    title: "长安旧梦",
    language: "国语",
    durationMinutes: 126,
    versions: ["2D"],
    director: "陈可心",
    cast: "周冬雨,易烊千",
    releasedDaysAgo: 3,
    weight: 7,
  },
  {
    title: "热辣人生",
    language: "国语",
    durationMinutes: 112,
    versions: ["2D"],
    director: "贾晓玲",
    cast: "贾晓玲,雷佳明",
    releasedDaysAgo: 20,
    weight: 5,
  },
  {
    title: "深海迷踪",
    language: "国语",
    durationMinutes: 98,
    versions: ["2D", "3D"],
    director: "田晓鹏",
    cast: "苏鑫,王亭文",
    releasedDaysAgo: 6,
    weight: 6,
  },
  {
    title: "沙丘：觉醒",
    language: "英语",
    durationMinutes: 166,
    versions: ["2D", "IMAX"],
    director: "丹尼斯·维伦纽瓦",
    cast: "提莫西·查拉梅,赞达亚",
    releasedDaysAgo: 13,
    weight: 6,
  },
  {
    title: "疯狂动物城：新案",
    language: "英语",
    durationMinutes: 108,
    versions: ["2D", "3D"],
    director: "拜伦·霍华德",
    cast: "金妮弗·古德温,杰森·贝特曼",
    releasedDaysAgo: 1,
    weight: 8,
  },
  {
    title: "唐探1900",
    language: "国语",
    durationMinutes: 136,
    versions: ["2D"],
    director: "陈思成",
    cast: "王宝强,刘昊然",
    releasedDaysAgo: 30,
    weight: 3,
  },
  {
    title: "港湾往事",
    language: "粤语",
    durationMinutes: 119,
    versions: ["2D"],
    director: "许鞍慧",
    cast: "刘青云,毛舜筠",
    releasedDaysAgo: 8,
    weight: 2,
  },
  {
    title: "哪吒：海之心",
    language: "国语",
    durationMinutes: 144,
    versions: ["2D", "3D", "IMAX"],
    director: "饺子",
    cast: "吕艳婷,囧森瑟夫",
    releasedDaysAgo: 2,
    weight: 10,
  },
  {
    title: "山河入梦",
    language: "国语",
    durationMinutes: 105,
    versions: ["2D"],
    director: "贾樟",
    cast: "赵涛,张译",
    releasedDaysAgo: -2,
    weight: 3,
  },
  {
    title: "蓝色星球：深渊",
    language: "英语",
    durationMinutes: 92,
    versions: ["2D", "3D", "IMAX"],
    director: "詹姆斯·霍纳",
    cast: "(纪录片)",
    releasedDaysAgo: 15,
    weight: 2,
  },
  {
    title: "小猪佩奇大冒险",
    language: "国语",
    durationMinutes: 85,
    versions: ["2D"],
    director: "马克·贝克",
    cast: "(动画)",
    releasedDaysAgo: 4,
    weight: 3,
  },
];

export interface FilmEntry {
  film: Film;
  weight: number;
  /** Epoch ms of the release date (China midnight); no showtimes before it. */
  releasedAt: number;
}

/**
 * National film codes are 12 digits: "001" + a print kind digit + a 4-digit serial + the year
 * (e.g. "001101852026"). The serial comes from the seed so two data sets differ but stay stable.
 */
export function buildFilms(rng: Rng, firstBusinessDate: number): FilmEntry[] {
  const year = chinaDateString(firstBusinessDate).slice(0, 4);
  return filmSeeds.map((s, i) => {
    const releasedAt = firstBusinessDate - s.releasedDaysAgo * DAY_MS;
    // The last two digits are the index, so serials never collide.
    const serial = String(rng.int(10, 89) * 100 + i + 1).padStart(4, "0");
    const film: Film = {
      id: `f${String(i + 1).padStart(3, "0")}`,
      nationalCode: `0011${serial}${year}`,
      title: s.title,
      language: s.language,
      durationMinutes: s.durationMinutes,
      versions: s.versions,
      director: s.director,
      cast: s.cast,
      releaseDate: chinaDateString(releasedAt),
    };
    return { film, weight: s.weight, releasedAt };
  });
}
