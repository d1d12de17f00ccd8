import type { City } from "../core/dataset-types.js";

/**
 * Cities with their real 国家统计局 6-digit codes, plus what it takes to write believable addresses
 * and phone numbers. The first two digits of the code are the province, which national (广电) cinema
 * codes also start with.
 */
export interface CityProfile extends City {
  /** Telephone area code, e.g. "010". */
  areaCode: string;
  lat: number;
  lng: number;
  districts: readonly string[];
  roads: readonly string[];
}

export const cityProfiles: readonly CityProfile[] = [
  {
    code: "110100",
    name: "北京",
    areaCode: "010",
    lat: 39.9042,
    lng: 116.4074,
    districts: ["朝阳区", "海淀区", "东城区", "西城区", "丰台区", "通州区"],
    roads: ["建国路", "中关村大街", "王府井大街", "西单北大街", "丰台北路", "新华西街"],
  },
  {
    code: "310100",
    name: "上海",
    areaCode: "021",
    lat: 31.2304,
    lng: 121.4737,
    districts: ["黄浦区", "徐汇区", "静安区", "浦东新区", "长宁区", "闵行区"],
    roads: ["南京东路", "淮海中路", "肇嘉浜路", "世纪大道", "长宁路", "七莘路"],
  },
  {
    code: "440100",
    name: "广州",
    areaCode: "020",
    lat: 23.1291,
    lng: 113.2644,
    districts: ["天河区", "越秀区", "海珠区", "番禺区", "白云区"],
    roads: ["天河路", "中山五路", "新港中路", "市桥街", "白云大道"],
  },
  {
    code: "440300",
    name: "深圳",
    areaCode: "0755",
    lat: 22.5431,
    lng: 114.0579,
    districts: ["福田区", "南山区", "罗湖区", "宝安区", "龙岗区"],
    roads: ["深南大道", "科苑路", "人民南路", "新安六路", "龙岗大道"],
  },
  {
    code: "510100",
    name: "成都",
    areaCode: "028",
    lat: 30.5728,
    lng: 104.0668,
    districts: ["锦江区", "武侯区", "青羊区", "成华区", "高新区"],
    roads: ["春熙路", "人民南路", "蜀都大道", "建设路", "天府大道"],
  },
  {
    code: "330100",
    name: "杭州",
    areaCode: "0571",
    lat: 30.2741,
    lng: 120.1551,
    districts: ["上城区", "拱墅区", "西湖区", "滨江区", "余杭区"],
    roads: ["延安路", "湖墅南路", "文三路", "江南大道", "文一西路"],
  },
  {
    code: "420100",
    name: "武汉",
    areaCode: "027",
    lat: 30.5928,
    lng: 114.3055,
    districts: ["江汉区", "武昌区", "洪山区", "江岸区"],
    roads: ["解放大道", "中南路", "珞喻路", "中山大道"],
  },
  {
    code: "320100",
    name: "南京",
    areaCode: "025",
    lat: 32.0603,
    lng: 118.7969,
    districts: ["玄武区", "秦淮区", "鼓楼区", "建邺区"],
    roads: ["中山路", "中华路", "湖南路", "江东中路"],
  },
  {
    code: "610100",
    name: "西安",
    areaCode: "029",
    lat: 34.3416,
    lng: 108.9398,
    districts: ["雁塔区", "碑林区", "未央区", "莲湖区"],
    roads: ["小寨东路", "南大街", "凤城五路", "莲湖路"],
  },
  {
    code: "120100",
    name: "天津",
    areaCode: "022",
    lat: 39.3434,
    lng: 117.3616,
    districts: ["和平区", "南开区", "河西区", "滨海新区"],
    roads: ["南京路", "鞍山西道", "友谊路", "第三大街"],
  },
];

export const SHANGHAI_CODE = "310100";
