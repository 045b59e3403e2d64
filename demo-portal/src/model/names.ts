/** Name pools for the demo organization: mixed origins, ~150 each. */

export const FIRST_NAMES: readonly string[] = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen',
  'Christopher', 'Lisa', 'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony', 'Margaret', 'Mark', 'Sandra',
  'Donald', 'Ashley', 'Steven', 'Kimberly', 'Paul', 'Emily', 'Andrew', 'Donna', 'Joshua', 'Michelle',
  'Kenneth', 'Carol', 'Kevin', 'Amanda', 'Brian', 'Melissa', 'George', 'Deborah', 'Timothy', 'Stephanie',
  'María', 'José', 'Lucía', 'Javier', 'Sofía', 'Diego', 'Valentina', 'Mateo', 'Camila', 'Alejandro',
  'Isabela', 'Santiago', 'Ximena', 'Andrés', 'Paula', 'Carlos', 'Gabriela', 'Luis', 'Ana', 'Miguel',
  'Wei', 'Mei', 'Jun', 'Li', 'Hao', 'Xiu', 'Yuki', 'Haruto', 'Sakura', 'Kenji',
  'Min-jun', 'Ji-woo', 'Seo-yeon', 'Hyun', 'Priya', 'Arjun', 'Ananya', 'Rohan', 'Aditi', 'Vikram',
  'Deepa', 'Rahul', 'Neha', 'Sanjay', 'Kavya', 'Amir', 'Layla', 'Omar', 'Fatima', 'Yusuf',
  'Aisha', 'Karim', 'Noor', 'Hassan', 'Zainab', 'Chidi', 'Amara', 'Kwame', 'Ngozi', 'Tendai',
  'Aaliyah', 'Malik', 'Imani', 'Jamal', 'Nia', 'Olga', 'Dmitri', 'Anya', 'Ivan', 'Katarzyna',
  'Piotr', 'Zofia', 'Lukas', 'Hanna', 'Jonas', 'Ingrid', 'Lars', 'Astrid', 'Mikael', 'Freya',
  'Giulia', 'Marco', 'Francesca', 'Luca', 'Chiara', 'Élodie', 'Julien', 'Camille', 'Mathieu', 'Chloé',
  'Siobhan', 'Declan', 'Niamh', 'Ciarán', 'Aoife', 'Tane', 'Aroha', 'Keoni', 'Leilani', 'Nikolai',
] as const;

export const LAST_NAMES: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  'Chen', 'Wang', 'Zhang', 'Liu', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Tanaka', 'Suzuki',
  'Takahashi', 'Watanabe', 'Yamamoto', 'Nakamura', 'Kim', 'Park', 'Choi', 'Jung', 'Kang', 'Tran',
  'Pham', 'Le', 'Vu', 'Patel', 'Shah', 'Singh', 'Kumar', 'Sharma', 'Gupta', 'Iyer',
  'Reddy', 'Desai', 'Mehta', 'Khan', 'Ahmed', 'Hussain', 'Rahman', 'Haddad', 'Nasser', 'Farah',
  'Okafor', 'Mensah', 'Adeyemi', 'Okonkwo', 'Mwangi', 'Banda', 'Diallo', 'Kamara', 'Abebe', 'Ndlovu',
  'Ivanova', 'Petrov', 'Kowalski', 'Nowak', 'Wiśniewski', 'Novák', 'Horvath', 'Müller', 'Schmidt', 'Schneider',
  'Fischer', 'Weber', 'Becker', 'Hoffmann', 'Jansen', 'de Vries', 'van Dijk', 'Bakker', 'Larsen', 'Hansen',
  'Johansson', 'Lindqvist', 'Nielsen', 'Virtanen', 'Korhonen', 'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi',
  'Dubois', 'Moreau', 'Laurent', 'Lefèvre', 'Fournier', 'Silva', 'Santos', 'Oliveira', 'Costa', 'Pereira',
  "O'Brien", 'Murphy', 'Kelly', 'Byrne', 'Walsh', 'MacDonald', 'Fraser', 'Ngata', 'Kahananui', 'Begay',
] as const;

/** "José" → "jose", "de Vries" → "devries", "O'Brien" → "obrien". */
export function asciiSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ł/g, 'l')
    .replace(/[^a-z0-9]/g, '');
}
