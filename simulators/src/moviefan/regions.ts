/**
 * Province names for the 国家统计局 2-digit prefixes, so queryLocations can list the provinces above
 * the data set's cities (the data set only carries cities).
 */
export const provinces: Record<string, { name: string; en: string; pinyin: string; short: string }> = {
  "11": { name: "北京市", en: "Beijing", pinyin: "beijing", short: "bj" },
  "12": { name: "天津市", en: "Tianjin", pinyin: "tianjin", short: "tj" },
  "13": { name: "河北省", en: "Hebei", pinyin: "hebei", short: "hb" },
  "14": { name: "山西省", en: "Shanxi", pinyin: "shanxi", short: "sx" },
  "15": { name: "内蒙古自治区", en: "Inner Mongolia", pinyin: "neimenggu", short: "nmg" },
  "21": { name: "辽宁省", en: "Liaoning", pinyin: "liaoning", short: "ln" },
  "22": { name: "吉林省", en: "Jilin", pinyin: "jilin", short: "jl" },
  "23": { name: "黑龙江省", en: "Heilongjiang", pinyin: "heilongjiang", short: "hlj" },
  "31": { name: "上海市", en: "Shanghai", pinyin: "shanghai", short: "sh" },
  "32": { name: "江苏省", en: "Jiangsu", pinyin: "jiangsu", short: "js" },
  "33": { name: "浙江省", en: "Zhejiang", pinyin: "zhejiang", short: "zj" },
  "34": { name: "安徽省", en: "Anhui", pinyin: "anhui", short: "ah" },
  "35": { name: "福建省", en: "Fujian", pinyin: "fujian", short: "fj" },
  "36": { name: "江西省", en: "Jiangxi", pinyin: "jiangxi", short: "jx" },
  "37": { name: "山东省", en: "Shandong", pinyin: "shandong", short: "sd" },
  "41": { name: "河南省", en: "Henan", pinyin: "henan", short: "hn" },
  "42": { name: "湖北省", en: "Hubei", pinyin: "hubei", short: "hb" },
  "43": { name: "湖南省", en: "Hunan", pinyin: "hunan", short: "hn" },
  "44": { name: "广东省", en: "Guangdong", pinyin: "guangdong", short: "gd" },
  "45": { name: "广西壮族自治区", en: "Guangxi", pinyin: "guangxi", short: "gx" },
  "46": { name: "海南省", en: "Hainan", pinyin: "hainan", short: "hn" },
  "50": { name: "重庆市", en: "Chongqing", pinyin: "chongqing", short: "cq" },
  "51": { name: "四川省", en: "Sichuan", pinyin: "sichuan", short: "sc" },
  "52": { name: "贵州省", en: "Guizhou", pinyin: "guizhou", short: "gz" },
  "53": { name: "云南省", en: "Yunnan", pinyin: "yunnan", short: "yn" },
  "54": { name: "西藏自治区", en: "Tibet", pinyin: "xizang", short: "xz" },
  "61": { name: "陕西省", en: "Shaanxi", pinyin: "shaanxi", short: "sx" },
  "62": { name: "甘肃省", en: "Gansu", pinyin: "gansu", short: "gs" },
  "63": { name: "青海省", en: "Qinghai", pinyin: "qinghai", short: "qh" },
  "64": { name: "宁夏回族自治区", en: "Ningxia", pinyin: "ningxia", short: "nx" },
  "65": { name: "新疆维吾尔自治区", en: "Xinjiang", pinyin: "xinjiang", short: "xj" },
  "71": { name: "台湾省", en: "Taiwan", pinyin: "taiwan", short: "tw" },
  "81": { name: "香港特别行政区", en: "Hong Kong", pinyin: "xianggang", short: "xg" },
  "82": { name: "澳门特别行政区", en: "Macau", pinyin: "aomen", short: "am" },
};

/** Pinyin and pinyin initials of common cities; others are rendered with empty pinyin fields. */
export const cityPinyin: Record<string, { pinyin: string; short: string }> = {
  北京: { pinyin: "beijing", short: "bj" },
  上海: { pinyin: "shanghai", short: "sh" },
  天津: { pinyin: "tianjin", short: "tj" },
  重庆: { pinyin: "chongqing", short: "cq" },
  广州: { pinyin: "guangzhou", short: "gz" },
  深圳: { pinyin: "shenzhen", short: "sz" },
  成都: { pinyin: "chengdu", short: "cd" },
  杭州: { pinyin: "hangzhou", short: "hz" },
  武汉: { pinyin: "wuhan", short: "wh" },
  南京: { pinyin: "nanjing", short: "nj" },
  西安: { pinyin: "xian", short: "xa" },
  苏州: { pinyin: "suzhou", short: "sz" },
  长沙: { pinyin: "changsha", short: "cs" },
  郑州: { pinyin: "zhengzhou", short: "zz" },
  青岛: { pinyin: "qingdao", short: "qd" },
  厦门: { pinyin: "xiamen", short: "xm" },
  沈阳: { pinyin: "shenyang", short: "sy" },
  大连: { pinyin: "dalian", short: "dl" },
  济南: { pinyin: "jinan", short: "jn" },
  合肥: { pinyin: "hefei", short: "hf" },
  福州: { pinyin: "fuzhou", short: "fz" },
  昆明: { pinyin: "kunming", short: "km" },
  南宁: { pinyin: "nanning", short: "nn" },
  哈尔滨: { pinyin: "haerbin", short: "heb" },
  长春: { pinyin: "changchun", short: "cc" },
  石家庄: { pinyin: "shijiazhuang", short: "sjz" },
  太原: { pinyin: "taiyuan", short: "ty" },
  宁波: { pinyin: "ningbo", short: "nb" },
  无锡: { pinyin: "wuxi", short: "wx" },
  东莞: { pinyin: "dongguan", short: "dg" },
  佛山: { pinyin: "foshan", short: "fs" },
};

/**
 * The district (区/县) named in a cinema address, after any city prefix:
 * "广州市天河区天河路88号" → "天河区", "上海市浦东新区世纪大道1号" → "浦东新区".
 */
export function districtOf(address: string): string | undefined {
  const m = /([^\s\d市省]{1,5}?(?:新区|区|县))/.exec(address);
  return m?.[1];
}
