/**
 * The 42 governments of the demo convening, spread across the world's time zones. Country
 * names are real; team names are generic and every person in the demo is fictional.
 */
export interface DemoGovernment {
  code: string;
  country: string;
  team: string;
  timeZone: string;
  maturity: 'starting' | 'momentum';
  /** Given names and family names to draw fictional people from. */
  names: { given: string[]; family: string[] };
}

const NORDIC = {
  given: ['Anna', 'Mikkel', 'Sofie', 'Lars', 'Ingrid', 'Jonas'],
  family: ['Nielsen', 'Berg', 'Lund', 'Halvorsen', 'Virtanen', 'Dahl'],
};
const IBERIAN = {
  given: ['Lucía', 'Mateo', 'Inês', 'Tomás', 'Carmen', 'Diego'],
  family: ['García', 'Silva', 'Moreno', 'Costa', 'Ruiz', 'Ferreira'],
};
const LATAM = {
  given: ['Valentina', 'Santiago', 'Camila', 'Andrés', 'Daniela', 'Joaquín'],
  family: ['Rojas', 'Castillo', 'Vargas', 'Herrera', 'Mendoza', 'Quispe'],
};
const EAST_AFRICA = {
  given: ['Wanjiru', 'Otieno', 'Amina', 'Baraka', 'Achieng', 'Tesfaye'],
  family: ['Kamau', 'Mutua', 'Uwase', 'Hakizimana', 'Bekele', 'Njoroge'],
};
const WEST_AFRICA = {
  given: ['Adaeze', 'Kwame', 'Fatmata', 'Chinedu', 'Efua', 'Mohamed'],
  family: ['Okafor', 'Mensah', 'Kamara', 'Adeyemi', 'Boateng', 'Sesay'],
};
const ANGLO = {
  given: ['Sarah', 'James', 'Priya', 'Tom', 'Aisha', 'Rachel'],
  family: ['Hughes', 'Patel', 'Murphy', 'Clarke', 'Walsh', 'Bennett'],
};

/** Every government in the demo, with its home time zone and how far along its team is. */
export const DEMO_GOVERNMENTS: DemoGovernment[] = [
  {
    code: 'GB',
    country: 'United Kingdom',
    team: 'Central Digital Team',
    timeZone: 'Europe/London',
    maturity: 'momentum',
    names: ANGLO,
  },
  {
    code: 'IE',
    country: 'Ireland',
    team: 'Office of the Government CIO',
    timeZone: 'Europe/Dublin',
    maturity: 'momentum',
    names: ANGLO,
  },
  {
    code: 'EE',
    country: 'Estonia',
    team: 'Digital State Office',
    timeZone: 'Europe/Tallinn',
    maturity: 'momentum',
    names: {
      given: ['Kadri', 'Mart', 'Liis', 'Tõnu', 'Kristi', 'Siim'],
      family: ['Tamm', 'Saar', 'Kask', 'Mägi', 'Rebane', 'Ilves'],
    },
  },
  {
    code: 'FI',
    country: 'Finland',
    team: 'Digital Services Agency',
    timeZone: 'Europe/Helsinki',
    maturity: 'momentum',
    names: NORDIC,
  },
  {
    code: 'DK',
    country: 'Denmark',
    team: 'Agency for Digital Government',
    timeZone: 'Europe/Copenhagen',
    maturity: 'momentum',
    names: NORDIC,
  },
  {
    code: 'NO',
    country: 'Norway',
    team: 'Digitalisation Agency',
    timeZone: 'Europe/Oslo',
    maturity: 'momentum',
    names: NORDIC,
  },
  {
    code: 'DE',
    country: 'Germany',
    team: 'Digital Service',
    timeZone: 'Europe/Berlin',
    maturity: 'starting',
    names: {
      given: ['Lena', 'Jonas', 'Miriam', 'Felix', 'Katrin', 'Tobias'],
      family: ['Schneider', 'Becker', 'Hoffmann', 'Wagner', 'Krüger', 'Vogel'],
    },
  },
  {
    code: 'FR',
    country: 'France',
    team: 'Interministerial Digital Directorate',
    timeZone: 'Europe/Paris',
    maturity: 'momentum',
    names: {
      given: ['Camille', 'Julien', 'Élodie', 'Mathieu', 'Claire', 'Hugo'],
      family: ['Martin', 'Lefèvre', 'Moreau', 'Girard', 'Fournier', 'Blanc'],
    },
  },
  {
    code: 'NL',
    country: 'Netherlands',
    team: 'Digital Government Directorate',
    timeZone: 'Europe/Amsterdam',
    maturity: 'momentum',
    names: {
      given: ['Sanne', 'Daan', 'Femke', 'Bram', 'Lotte', 'Joost'],
      family: ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Mulder'],
    },
  },
  {
    code: 'IT',
    country: 'Italy',
    team: 'Digital Transformation Team',
    timeZone: 'Europe/Rome',
    maturity: 'starting',
    names: {
      given: ['Giulia', 'Marco', 'Chiara', 'Luca', 'Francesca', 'Matteo'],
      family: ['Rossi', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Greco'],
    },
  },
  {
    code: 'ES',
    country: 'Spain',
    team: 'Secretariat for Digitalisation',
    timeZone: 'Europe/Madrid',
    maturity: 'starting',
    names: IBERIAN,
  },
  {
    code: 'PT',
    country: 'Portugal',
    team: 'Agency for Administrative Modernisation',
    timeZone: 'Europe/Lisbon',
    maturity: 'momentum',
    names: IBERIAN,
  },
  {
    code: 'PL',
    country: 'Poland',
    team: 'Chancellery Digital Team',
    timeZone: 'Europe/Warsaw',
    maturity: 'starting',
    names: {
      given: ['Agnieszka', 'Piotr', 'Katarzyna', 'Tomasz', 'Magda', 'Paweł'],
      family: ['Nowak', 'Kowalska', 'Wiśniewski', 'Zielińska', 'Lewandowski', 'Wójcik'],
    },
  },
  {
    code: 'UA',
    country: 'Ukraine',
    team: 'Ministry of Digital Transformation',
    timeZone: 'Europe/Kyiv',
    maturity: 'momentum',
    names: {
      given: ['Olena', 'Andrii', 'Iryna', 'Oleksandr', 'Natalia', 'Taras'],
      family: ['Shevchenko', 'Bondarenko', 'Kovalenko', 'Tkachenko', 'Melnyk', 'Kravchuk'],
    },
  },
  {
    code: 'UY',
    country: 'Uruguay',
    team: 'Agency for Electronic Government',
    timeZone: 'America/Montevideo',
    maturity: 'momentum',
    names: LATAM,
  },
  {
    code: 'US',
    country: 'United States',
    team: 'Federal Digital Service',
    timeZone: 'America/New_York',
    maturity: 'momentum',
    names: {
      given: ['Emily', 'Marcus', 'Jasmine', 'Kevin', 'Laura', 'Andre'],
      family: ['Johnson', 'Nguyen', 'Williams', 'Garcia', 'Brooks', 'Reed'],
    },
  },
  {
    code: 'CA',
    country: 'Canada',
    team: 'Canadian Digital Service',
    timeZone: 'America/Toronto',
    maturity: 'momentum',
    names: {
      given: ['Chloé', 'Ryan', 'Maya', 'Étienne', 'Hannah', 'Noah'],
      family: ['Tremblay', 'Roy', 'Singh', 'Gagnon', 'Campbell', 'Wong'],
    },
  },
  {
    code: 'MX',
    country: 'Mexico',
    team: 'National Digital Strategy',
    timeZone: 'America/Mexico_City',
    maturity: 'starting',
    names: LATAM,
  },
  {
    code: 'CO',
    country: 'Colombia',
    team: 'Digital Government Directorate',
    timeZone: 'America/Bogota',
    maturity: 'starting',
    names: LATAM,
  },
  {
    code: 'PE',
    country: 'Peru',
    team: 'Secretariat of Digital Government',
    timeZone: 'America/Lima',
    maturity: 'starting',
    names: LATAM,
  },
  {
    code: 'CL',
    country: 'Chile',
    team: 'Digital Government Division',
    timeZone: 'America/Santiago',
    maturity: 'momentum',
    names: LATAM,
  },
  {
    code: 'AR',
    country: 'Argentina',
    team: 'Undersecretariat of Digital Government',
    timeZone: 'America/Argentina/Buenos_Aires',
    maturity: 'starting',
    names: LATAM,
  },
  {
    code: 'BR',
    country: 'Brazil',
    team: 'Secretariat of Digital Government',
    timeZone: 'America/Sao_Paulo',
    maturity: 'momentum',
    names: {
      given: ['Mariana', 'Rafael', 'Beatriz', 'Gustavo', 'Larissa', 'Thiago'],
      family: ['Souza', 'Oliveira', 'Lima', 'Pereira', 'Carvalho', 'Almeida'],
    },
  },
  {
    code: 'KE',
    country: 'Kenya',
    team: 'Ministry of ICT',
    timeZone: 'Africa/Nairobi',
    maturity: 'starting',
    names: EAST_AFRICA,
  },
  {
    code: 'RW',
    country: 'Rwanda',
    team: 'Information Society Authority',
    timeZone: 'Africa/Kigali',
    maturity: 'momentum',
    names: EAST_AFRICA,
  },
  {
    code: 'ET',
    country: 'Ethiopia',
    team: 'Ministry of Innovation and Technology',
    timeZone: 'Africa/Addis_Ababa',
    maturity: 'starting',
    names: EAST_AFRICA,
  },
  {
    code: 'NG',
    country: 'Nigeria',
    team: 'Information Technology Development Agency',
    timeZone: 'Africa/Lagos',
    maturity: 'starting',
    names: WEST_AFRICA,
  },
  {
    code: 'GH',
    country: 'Ghana',
    team: 'National Information Technology Agency',
    timeZone: 'Africa/Accra',
    maturity: 'starting',
    names: WEST_AFRICA,
  },
  {
    code: 'SL',
    country: 'Sierra Leone',
    team: 'Directorate of Science, Technology and Innovation',
    timeZone: 'Africa/Freetown',
    maturity: 'momentum',
    names: WEST_AFRICA,
  },
  {
    code: 'ZA',
    country: 'South Africa',
    team: 'Centre for Public Service Innovation',
    timeZone: 'Africa/Johannesburg',
    maturity: 'starting',
    names: {
      given: ['Thandiwe', 'Sipho', 'Lerato', 'Pieter', 'Naledi', 'Johan'],
      family: ['Nkosi', 'Dlamini', 'van der Merwe', 'Mokoena', 'Botha', 'Khumalo'],
    },
  },
  {
    code: 'MA',
    country: 'Morocco',
    team: 'Digital Development Agency',
    timeZone: 'Africa/Casablanca',
    maturity: 'starting',
    names: {
      given: ['Yasmine', 'Karim', 'Salma', 'Hamza', 'Nadia', 'Youssef'],
      family: ['El Amrani', 'Benali', 'Idrissi', 'Tazi', 'Alaoui', 'Chraibi'],
    },
  },
  {
    code: 'AE',
    country: 'United Arab Emirates',
    team: 'Digital Government Office',
    timeZone: 'Asia/Dubai',
    maturity: 'momentum',
    names: {
      given: ['Mariam', 'Omar', 'Layla', 'Khalid', 'Noura', 'Saeed'],
      family: ['Al Mansoori', 'Al Hashimi', 'Al Suwaidi', 'Al Marzouqi', 'Al Nuaimi', 'Al Shamsi'],
    },
  },
  {
    code: 'IN',
    country: 'India',
    team: 'National e-Governance Division',
    timeZone: 'Asia/Kolkata',
    maturity: 'momentum',
    names: {
      given: ['Ananya', 'Rahul', 'Kavya', 'Arjun', 'Meera', 'Vikram'],
      family: ['Sharma', 'Iyer', 'Reddy', 'Banerjee', 'Menon', 'Gupta'],
    },
  },
  {
    code: 'BD',
    country: 'Bangladesh',
    team: 'Aspire to Innovate Programme',
    timeZone: 'Asia/Dhaka',
    maturity: 'starting',
    names: {
      given: ['Nusrat', 'Tanvir', 'Farhana', 'Rashed', 'Sadia', 'Imran'],
      family: ['Rahman', 'Hossain', 'Chowdhury', 'Islam', 'Ahmed', 'Karim'],
    },
  },
  {
    code: 'SG',
    country: 'Singapore',
    team: 'Government Technology Agency',
    timeZone: 'Asia/Singapore',
    maturity: 'momentum',
    names: {
      given: ['Wei Ling', 'Jun Jie', 'Priya', 'Hafiz', 'Mei Xin', 'Darren'],
      family: ['Tan', 'Lim', 'Ng', 'Rahim', 'Goh', 'Lee'],
    },
  },
  {
    code: 'ID',
    country: 'Indonesia',
    team: 'Ministry of Communication and Informatics',
    timeZone: 'Asia/Jakarta',
    maturity: 'starting',
    names: {
      given: ['Putri', 'Budi', 'Ayu', 'Rizky', 'Dewi', 'Agus'],
      family: ['Santoso', 'Wijaya', 'Pratama', 'Kusuma', 'Saputra', 'Hidayat'],
    },
  },
  {
    code: 'PH',
    country: 'Philippines',
    team: 'Department of Information and Communications Technology',
    timeZone: 'Asia/Manila',
    maturity: 'starting',
    names: {
      given: ['Maria', 'Paolo', 'Angelica', 'Miguel', 'Kristine', 'Joshua'],
      family: ['Santos', 'Reyes', 'Cruz', 'Bautista', 'Villanueva', 'Mendoza'],
    },
  },
  {
    code: 'TW',
    country: 'Taiwan',
    team: 'Digital Ministry',
    timeZone: 'Asia/Taipei',
    maturity: 'momentum',
    names: {
      given: ['Yi-Ting', 'Chih-Wei', 'Hsin-Yi', 'Po-Han', 'Ya-Wen', 'Chun-Hao'],
      family: ['Chen', 'Lin', 'Huang', 'Chang', 'Wu', 'Tsai'],
    },
  },
  {
    code: 'KR',
    country: 'South Korea',
    team: 'Digital Government Bureau',
    timeZone: 'Asia/Seoul',
    maturity: 'momentum',
    names: {
      given: ['Ji-woo', 'Min-jun', 'Seo-yeon', 'Hyun-woo', 'Ha-eun', 'Do-yoon'],
      family: ['Kim', 'Park', 'Choi', 'Jung', 'Kang', 'Yoon'],
    },
  },
  {
    code: 'JP',
    country: 'Japan',
    team: 'Digital Agency',
    timeZone: 'Asia/Tokyo',
    maturity: 'starting',
    names: {
      given: ['Yui', 'Haruto', 'Aoi', 'Sota', 'Sakura', 'Ren'],
      family: ['Sato', 'Suzuki', 'Takahashi', 'Watanabe', 'Ito', 'Yamamoto'],
    },
  },
  {
    code: 'AU',
    country: 'Australia',
    team: 'Digital Transformation Agency',
    timeZone: 'Australia/Sydney',
    maturity: 'momentum',
    names: ANGLO,
  },
  {
    code: 'NZ',
    country: 'New Zealand',
    team: 'Government Chief Digital Office',
    timeZone: 'Pacific/Auckland',
    maturity: 'momentum',
    names: {
      given: ['Aroha', 'Liam', 'Mere', 'Oliver', 'Ngaire', 'Tama'],
      family: ['Ngata', 'Smith', 'Parata', 'Wilson', 'Walker', 'Tipene'],
    },
  },
];
