/**
 * Names of prefecture-level cities by their 国家统计局 code, for vendors whose cinema data carries
 * only the code (ykse, Moviefan's cinema list). Covers the municipalities, provincial capitals and
 * the other large markets; any other code shows as the code until a vendor names it.
 */
const NAMES: Record<string, string> = {
  "110100": "北京",
  "120100": "天津",
  "130100": "石家庄",
  "140100": "太原",
  "150100": "呼和浩特",
  "210100": "沈阳",
  "210200": "大连",
  "220100": "长春",
  "230100": "哈尔滨",
  "310100": "上海",
  "320100": "南京",
  "320200": "无锡",
  "320500": "苏州",
  "330100": "杭州",
  "330200": "宁波",
  "340100": "合肥",
  "350100": "福州",
  "350200": "厦门",
  "360100": "南昌",
  "370100": "济南",
  "370200": "青岛",
  "410100": "郑州",
  "420100": "武汉",
  "430100": "长沙",
  "440100": "广州",
  "440300": "深圳",
  "440400": "珠海",
  "440600": "佛山",
  "441900": "东莞",
  "450100": "南宁",
  "460100": "海口",
  "500100": "重庆",
  "510100": "成都",
  "520100": "贵阳",
  "530100": "昆明",
  "540100": "拉萨",
  "610100": "西安",
  "620100": "兰州",
  "630100": "西宁",
  "640100": "银川",
  "650100": "乌鲁木齐",
};

export function cityName(code: string): string | undefined {
  return NAMES[code];
}
